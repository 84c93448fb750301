-- Operating statements that print a row's revenues, costs and net side by side ('Intäkter',
-- 'Kostnader', 'Netto'; 'Bruttokostnad', 'Intäkter', 'Nettokostnad'): in every row, for each
-- measure and period that prints all three, the net is the costs less the revenues. Reports
-- print it three ways, and the row's figures say which: costs (or revenues) printed negative,
-- net = revenues + costs; else net cost = costs − revenues, or result = revenues − costs, whichever
-- the row fits (the same rule as 'gross_net' on 'varav' rows, on columns).
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind = 'operating_statement'
        and is_share is not true  -- shares do not add up
    {% if is_incremental() %}
    and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
    {% endif %}
),

flows as (
    select
        cells.*,
        cells.measure || '|' || cells.period_key as column_group
    from cells
    where cells.flow in ('expenditure', 'income', 'net')
),

grouped as (
    select
        document_id,
        table_no,
        row_no,
        column_group,
        max(value) filter (where flow = 'expenditure') as costs,
        max(half_ulp) filter (where flow = 'expenditure') as costs_h,
        max(raw_text) filter (where flow = 'expenditure') as costs_text,
        max(col_no) filter (where flow = 'expenditure') as costs_col,
        max(value) filter (where flow = 'income') as revenues,
        max(half_ulp) filter (where flow = 'income') as revenues_h,
        max(raw_text) filter (where flow = 'income') as revenues_text,
        max(col_no) filter (where flow = 'income') as revenues_col,
        max(col_no) filter (where flow = 'net') as net_col
    from flows
    group by document_id, table_no, row_no, column_group
    having count(*) filter (where flow = 'net') = 1
        and count(*) filter (where flow = 'expenditure') = 1
        and count(*) filter (where flow = 'income') = 1
),

with_net as (
    select
        grouped.*,
        net.source_file,
        net.table_kind,
        net.col_no,
        net.line_no,
        net.row_label,
        net.column_header,
        net.raw_text,
        net.value as net,
        net.half_ulp as net_h
    from grouped
    inner join cells as net
        on net.document_id = grouped.document_id
        and net.table_no = grouped.table_no
        and net.row_no = grouped.row_no
        and net.col_no = grouped.net_col
),

conventions as (
    -- the coefficients of revenues and costs in net = a · revenues + b · costs
    select
        *,
        case
            when costs < 0 or revenues < 0 then 'intäkter + kostnader'
            when abs(net - (costs - revenues)) <= abs(net - (revenues - costs)) then 'kostnader − intäkter'
            else 'intäkter − kostnader'
        end as convention
    from with_net
),

coefficients as (
    select
        *,
        case convention when 'kostnader − intäkter' then -1.0 else 1.0 end as revenues_coef,
        case convention when 'intäkter − kostnader' then -1.0 else 1.0 end as costs_coef
    from conventions
),

final as (
    select
        source_file,
        document_id,
        table_no,
        table_kind,
        'gross_net' as rule,
        row_no,
        col_no,
        line_no,
        row_label,
        column_header,
        raw_text as reported_text,
        net as reported,
        round(revenues_coef * revenues + costs_coef * costs, 9) as expected,
        round(net - (revenues_coef * revenues + costs_coef * costs), 9) as difference,
        round(net_h + costs_h + revenues_h, 9) as tolerance,
        2 as n_parts,
        'netto = ' || convention || ': intäkter ' || revenues_text || ', kostnader ' || costs_text as detail,
        [
            document_id || '|' || table_no || '|' || row_no || '|' || col_no,
            document_id || '|' || table_no || '|' || row_no || '|' || revenues_col,
            document_id || '|' || table_no || '|' || row_no || '|' || costs_col
        ] as cell_keys,
        [1.0, -revenues_coef, -costs_coef] as cell_coefs,
        net is not null and costs is not null and revenues is not null as evaluable
    from coefficients
)

select * from final
