-- Deviation: in every row, the deviation column equals budget − outcome (net-cost convention:
-- positive = under budget) or outcome − budget (result convention: positive = surplus).
-- The convention is forced for 'varav kostnader/utgifter' (budget − outcome) and 'varav
-- intäkter/inkomster' (outcome − budget) rows and for investment tables (frame − net);
-- otherwise it is detected per block of rows (rows between totals) from the numbers: the
-- convention most rows of the block fit. A row that fits neither fails.
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('operating_statement', 'key_figures', 'investments')
        and is_share is not true  -- shares do not add up
    {% if is_incremental() %}
    and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

columns as (
    select * from {{ ref('int_columns') }}
),

deviation_columns as (
    select document_id, table_no, col_no
    from columns
    where measure = 'deviation'
),

paired as (
    -- the outcome and budget columns a deviation column compares: the nearest ones to its
    -- left, with no other deviation column in between
    select
        deviation_columns.document_id,
        deviation_columns.table_no,
        deviation_columns.col_no as deviation_col,
        max(columns.col_no) filter (
            where columns.measure in ('actual', 'forecast', 'closed_accounts') and coalesce(columns.flow, 'net') = 'net'
        ) as outcome_col,
        max(columns.col_no) filter (where columns.measure in ('budget', 'investment_frame')) as budget_col,
        max(columns.col_no) filter (where columns.measure = 'deviation') as previous_deviation_col
    from deviation_columns
    inner join columns
        on columns.document_id = deviation_columns.document_id
        and columns.table_no = deviation_columns.table_no
        and columns.col_no < deviation_columns.col_no
    group by deviation_columns.document_id, deviation_columns.table_no, deviation_columns.col_no
),

pairs as (
    select *
    from paired
    where outcome_col is not null
        and budget_col is not null
        and coalesce(previous_deviation_col, 0) < least(outcome_col, budget_col)
),

rows_ as (
    select
        pairs.deviation_col,
        pairs.outcome_col,
        pairs.budget_col,
        d.document_id,
        d.source_file,
        d.table_no,
        d.table_kind,
        d.row_no,
        d.line_no,
        d.row_label,
        d.row_role,
        d.column_header,
        d.raw_text as reported_text,
        d.value as d_value,
        d.half_ulp as d_half_ulp,
        o.value as o_value,
        o.half_ulp as o_half_ulp,
        o.raw_text as o_text,
        b.value as b_value,
        b.half_ulp as b_half_ulp,
        b.raw_text as b_text,
        case
            when regexp_matches(lower(d.row_label), '^[-–]?\s*varav (kostnader|utgifter)') then 'net_cost'
            when regexp_matches(lower(d.row_label), '^[-–]?\s*varav (intäkter|inkomster)') then 'result'
            when d.table_kind = 'investments' then 'net_cost'
        end as forced_convention
    from pairs
    inner join cells as d
        on d.document_id = pairs.document_id and d.table_no = pairs.table_no and d.col_no = pairs.deviation_col
    inner join cells as o
        on o.document_id = d.document_id and o.table_no = d.table_no and o.row_no = d.row_no
        and o.col_no = pairs.outcome_col
    inner join cells as b
        on b.document_id = d.document_id and b.table_no = d.table_no and b.row_no = d.row_no
        and b.col_no = pairs.budget_col
    where d.row_role <> 'heading'
),

fitted as (
    select
        *,
        d_half_ulp + o_half_ulp + b_half_ulp as tolerance,
        -- rounded to 9 decimals: binary floating point, not a tolerance
        round(abs(d_value - (b_value - o_value)), 9) <= round(d_half_ulp + o_half_ulp + b_half_ulp, 9) as fits_net_cost,
        round(abs(d_value - (o_value - b_value)), 9) <= round(d_half_ulp + o_half_ulp + b_half_ulp, 9) as fits_result,
        -- rows between totals form a block; rows printed after a total start a new one
        count(*) filter (where row_role = 'total') over (
            partition by document_id, table_no, deviation_col order by row_no
            rows between unbounded preceding and 1 preceding
        ) as block_no
    from rows_
    where d_value is not null and o_value is not null and b_value is not null
),

blocks as (
    select
        document_id,
        table_no,
        deviation_col,
        block_no,
        count(*) filter (where fits_net_cost and not fits_result) as n_net_cost,
        count(*) filter (where fits_result and not fits_net_cost) as n_result
    from fitted
    where forced_convention is null
    group by document_id, table_no, deviation_col, block_no
),

convention as (
    select
        fitted.*,
        coalesce(
            fitted.forced_convention,
            case
                when blocks.n_net_cost > blocks.n_result then 'net_cost'
                when blocks.n_result > blocks.n_net_cost then 'result'
            end,
            -- no row tells: the convention the row itself fits
            case when fitted.fits_net_cost then 'net_cost' when fitted.fits_result then 'result' end,
            'net_cost'
        ) as chosen_convention
    from fitted
    left join blocks
        on blocks.document_id = fitted.document_id
        and blocks.table_no = fitted.table_no
        and blocks.deviation_col = fitted.deviation_col
        and blocks.block_no = fitted.block_no
),

final as (
    select
        source_file,
        document_id,
        table_no,
        table_kind,
        'deviation' as rule,
        row_no,
        deviation_col as col_no,
        line_no,
        row_label,
        column_header,
        reported_text,
        d_value as reported,
        round(case chosen_convention when 'net_cost' then b_value - o_value else o_value - b_value end, 9) as expected,
        round(d_value - case chosen_convention when 'net_cost' then b_value - o_value else o_value - b_value end, 9) as difference,
        round(tolerance, 9) as tolerance,
        2 as n_parts,
        chosen_convention || ': ' || case chosen_convention
            when 'net_cost' then 'budget ' || b_text || ' − outcome ' || o_text
            else 'outcome ' || o_text || ' − budget ' || b_text
        end as detail,
        [
            document_id || '|' || table_no || '|' || row_no || '|' || deviation_col,
            document_id || '|' || table_no || '|' || row_no || '|' || outcome_col,
            document_id || '|' || table_no || '|' || row_no || '|' || budget_col
        ] as cell_keys,
        -- difference = deviation − (budget − outcome) or deviation − (outcome − budget)
        case chosen_convention when 'net_cost' then [1.0, 1.0, -1.0] else [1.0, -1.0, 1.0] end as cell_coefs,
        true as evaluable,
        chosen_convention as convention,
        -- the row's own numbers show its convention: they fit that one and not the other
        (fits_net_cost <> fits_result) as convention_shown
    from convention
)

select * from final
