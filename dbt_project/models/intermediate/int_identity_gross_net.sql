-- Gross and net: a row followed by its 'varav kostnader' and 'varav intäkter' rows prints
-- net = costs − revenues (net-cost convention) or net = revenues − costs (result convention),
-- in every outcome, budget and forecast column; in a deviation column the deviations of the
-- parts add up (costs: budget − actual, revenues: actual − budget), net = costs + revenues.
-- The convention is the one the row's deviation shows, else the one most of the row's
-- columns fit.
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('operating_statement', 'key_figures')
        and is_share is not true  -- shares do not add up
    {% if is_incremental() %}
    and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

columns as (
    select * from {{ ref('int_columns') }}
),

parts as (
    -- of-which rows that are the gross parts of the item or total row above them
    select
        cells.*,
        case
            when regexp_matches(lower(row_label), '^[-–]?\s*varav kostnader') then 'costs'
            when regexp_matches(lower(row_label), '^[-–]?\s*varav intäkter') then 'revenues'
        end as part,
        max(case when row_role in ('item', 'total') then row_no end) over (
            partition by document_id, table_no, col_no order by row_no
            rows between unbounded preceding and 1 preceding
        ) as owner_row_no
    from cells
),

owners as (
    select
        parts.document_id,
        parts.table_no,
        parts.col_no,
        parts.owner_row_no,
        max(parts.value) filter (where parts.part = 'costs') as costs,
        max(parts.half_ulp) filter (where parts.part = 'costs') as costs_h,
        max(parts.raw_text) filter (where parts.part = 'costs') as costs_text,
        max(parts.row_no) filter (where parts.part = 'costs') as costs_row,
        max(parts.value) filter (where parts.part = 'revenues') as revenues,
        max(parts.half_ulp) filter (where parts.part = 'revenues') as revenues_h,
        max(parts.raw_text) filter (where parts.part = 'revenues') as revenues_text,
        max(parts.row_no) filter (where parts.part = 'revenues') as revenues_row
    from parts
    where parts.part is not null and parts.row_role = 'of_which' and parts.parent_heading is null
    group by parts.document_id, parts.table_no, parts.col_no, parts.owner_row_no
    having count(*) filter (where parts.part = 'costs') = 1
        and count(*) filter (where parts.part = 'revenues') = 1
),

evaluated as (
    select
        net.source_file,
        net.document_id,
        net.table_no,
        net.table_kind,
        net.row_no,
        net.col_no,
        net.line_no,
        net.row_label,
        net.row_role,
        net.column_header,
        net.raw_text as reported_text,
        net.value as reported,
        columns.measure = 'deviation' as is_deviation,
        owners.costs,
        owners.revenues,
        owners.costs_text,
        owners.revenues_text,
        owners.costs_row,
        owners.revenues_row,
        round(net.half_ulp + owners.costs_h + owners.revenues_h, 9) as tolerance,
        count(*) filter (where net.row_role = 'total') over (
            partition by net.document_id, net.table_no, net.col_no order by net.row_no
            rows between unbounded preceding and 1 preceding
        ) as block_no
    from owners
    inner join cells as net
        on net.document_id = owners.document_id
        and net.table_no = owners.table_no
        and net.row_no = owners.owner_row_no
        and net.col_no = owners.col_no
    inner join columns
        on columns.document_id = net.document_id
        and columns.table_no = net.table_no
        and columns.col_no = net.col_no
    where net.value is not null and owners.costs is not null and owners.revenues is not null
),

fitted as (
    select
        *,
        round(abs(reported - (costs - revenues)), 9) <= tolerance as fits_net_cost,
        round(abs(reported - (revenues - costs)), 9) <= tolerance as fits_result
    from evaluated
),

row_conventions as (
    -- the convention a row's deviation shows, where it shows one
    select document_id, table_no, row_no, min(convention) as convention
    from {{ ref('int_identity_deviations') }}
    where convention_shown
    group by document_id, table_no, row_no
    having count(distinct convention) = 1
),

blocks as (
    -- the convention of a row: what its outcome, budget and forecast columns fit
    select
        document_id,
        table_no,
        row_no,
        count(*) filter (where fits_net_cost and not fits_result) as n_net_cost,
        count(*) filter (where fits_result and not fits_net_cost) as n_result,
        -- when no column fits either, the convention that comes closer
        sum(abs(reported - (costs - revenues))) < sum(abs(reported - (revenues - costs))) as closer_to_net_cost
    from fitted
    where not is_deviation
    group by document_id, table_no, row_no
),

final as (
    select
        fitted.source_file,
        fitted.document_id,
        fitted.table_no,
        fitted.table_kind,
        'gross_net' as rule,
        fitted.row_no,
        fitted.col_no,
        fitted.line_no,
        fitted.row_label,
        fitted.column_header,
        fitted.reported_text,
        fitted.reported,
        round(expected_value, 9) as expected,
        round(fitted.reported - expected_value, 9) as difference,
        fitted.tolerance,
        2 as n_parts,
        c.convention || ': ' || fitted.costs_text || ' (kostnader), ' || fitted.revenues_text || ' (intäkter)' as detail,
        [
            fitted.document_id || '|' || fitted.table_no || '|' || fitted.row_no || '|' || fitted.col_no,
            fitted.document_id || '|' || fitted.table_no || '|' || fitted.costs_row || '|' || fitted.col_no,
            fitted.document_id || '|' || fitted.table_no || '|' || fitted.revenues_row || '|' || fitted.col_no
        ] as cell_keys,
        -- difference = net − expected: how net, costs and revenues enter it
        case c.convention
            when 'deviation_sum' then [1.0, -1.0, -1.0]
            when 'result' then [1.0, 1.0, -1.0]
            else [1.0, -1.0, 1.0]
        end as cell_coefs,
        true as evaluable
    from fitted
    left join blocks
        on blocks.document_id = fitted.document_id
        and blocks.table_no = fitted.table_no
        and blocks.row_no = fitted.row_no
    left join row_conventions
        on row_conventions.document_id = fitted.document_id
        and row_conventions.table_no = fitted.table_no
        and row_conventions.row_no = fitted.row_no
    cross join lateral (
        select
            case
                when fitted.is_deviation then 'deviation_sum'
                when row_conventions.convention is not null then row_conventions.convention
                when blocks.n_result > blocks.n_net_cost then 'result'
                when blocks.n_net_cost > blocks.n_result then 'net_cost'
                when not blocks.closer_to_net_cost then 'result'
                else 'net_cost'
            end as convention
    ) as c
    cross join lateral (
        select
            case c.convention
                when 'deviation_sum' then fitted.costs + fitted.revenues
                when 'result' then fitted.revenues - fitted.costs
                else fitted.costs - fitted.revenues
            end as expected_value
    ) as e
)

select * from final
