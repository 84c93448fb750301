-- Investments: in every row, net = expenditure − income, for each measure and period that
-- prints all three (e.g. Prognos 2023 Utgifter / Inkomster / Netto).
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again() }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind = 'investments'
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
        max(value) filter (where flow = 'expenditure') as expenditure,
        max(half_ulp) filter (where flow = 'expenditure') as expenditure_h,
        max(raw_text) filter (where flow = 'expenditure') as expenditure_text,
        max(col_no) filter (where flow = 'expenditure') as expenditure_col,
        max(value) filter (where flow = 'income') as income,
        max(half_ulp) filter (where flow = 'income') as income_h,
        max(raw_text) filter (where flow = 'income') as income_text,
        max(col_no) filter (where flow = 'income') as income_col,
        max(col_no) filter (where flow = 'net') as net_col
    from flows
    group by document_id, table_no, row_no, column_group
    having count(*) filter (where flow = 'net') = 1
),

final as (
    select
        net.source_file,
        net.document_id,
        net.table_no,
        net.table_kind,
        'investment_net' as rule,
        net.row_no,
        net.col_no,
        net.line_no,
        net.row_label,
        net.column_header,
        net.raw_text as reported_text,
        net.value as reported,
        round(grouped.expenditure - grouped.income, 9) as expected,
        round(net.value - (grouped.expenditure - grouped.income), 9) as difference,
        round(net.half_ulp + grouped.expenditure_h + grouped.income_h, 9) as tolerance,
        2 as n_parts,
        'utgifter ' || grouped.expenditure_text || ' − inkomster ' || grouped.income_text as detail,
        [
            net.document_id || '|' || net.table_no || '|' || net.row_no || '|' || net.col_no,
            net.document_id || '|' || net.table_no || '|' || net.row_no || '|' || grouped.expenditure_col,
            net.document_id || '|' || net.table_no || '|' || net.row_no || '|' || grouped.income_col
        ] as cell_keys,
        [1.0, -1.0, 1.0] as cell_coefs,
        net.value is not null and grouped.expenditure is not null and grouped.income is not null as evaluable
    from grouped
    inner join cells as net
        on net.document_id = grouped.document_id
        and net.table_no = grouped.table_no
        and net.row_no = grouped.row_no
        and net.col_no = grouped.net_col
    where grouped.expenditure_col is not null and grouped.income_col is not null
)

select * from final
