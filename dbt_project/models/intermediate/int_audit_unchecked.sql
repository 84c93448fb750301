-- The value columns of money tables that no identity checks, and why: the audit reports
-- them instead of skipping them in silence. A money table is a statement, a key-figure or an
-- investment table, or a table of no known kind that prints amounts (a money unit or a
-- financial measure such as budget or deviation). A column of percentages is no amount.
with cells as (
    select * from {{ ref('int_cells_classified') }}
),

identities as (
    select * from {{ ref('int_identities') }}
    where evaluable
),

units as (
    select * from {{ ref('unit_scales') }}
),

columns as (
    select
        document_id,
        any_value(source_file) as source_file,
        table_no,
        col_no,
        any_value(table_kind) as table_kind,
        any_value(caption) as caption,
        any_value(unit) as unit,
        any_value(column_header) as column_header,
        any_value(measure) as measure,
        count(value) as n_values,
        -- a column of percentages (printed, or named: 'Avvikelse %') is a share, not an amount
        count(value) filter (where is_share is not true) as n_amounts
    from cells
    group by document_id, table_no, col_no
),

tables as (
    select
        document_id,
        table_no,
        min(line_no) as first_line,
        bool_or(row_role = 'total') as has_total_row,
        bool_or(measure in ('budget', 'deviation', 'forecast', 'closed_accounts', 'income', 'expenditure', 'investment_frame')) as has_financial_measure
    from cells
    group by document_id, table_no
),

total_values as (
    select document_id, table_no, col_no, count(value) as n_total_values
    from cells
    where row_role = 'total'
    group by document_id, table_no, col_no
),

covered as (
    select distinct
        split_part(cell_key, '|', 1) as document_id,
        cast(split_part(cell_key, '|', 2) as integer) as table_no,
        cast(split_part(cell_key, '|', 4) as integer) as col_no
    from (select unnest(cell_keys) as cell_key from identities)
),

money_columns as (
    select
        columns.*,
        tables.first_line,
        tables.has_total_row,
        coalesce(total_values.n_total_values, 0) as n_total_values
    from columns
    inner join tables
        on columns.document_id = tables.document_id
        and columns.table_no = tables.table_no
    left join total_values
        on columns.document_id = total_values.document_id
        and columns.table_no = total_values.table_no
        and columns.col_no = total_values.col_no
    where columns.n_amounts > 0
        and (
            columns.table_kind in ('key_figures', 'operating_statement', 'investments')
            or (
                columns.table_kind = 'other'
                and (columns.unit in (select unit from units where sek_per_unit is not null) or tables.has_financial_measure)
            )
        )
),

unchecked as (
    select money_columns.*
    from money_columns
    anti join covered
        on money_columns.document_id = covered.document_id
        and money_columns.table_no = covered.table_no
        and money_columns.col_no = covered.col_no
),

final as (
    select
        source_file,
        document_id,
        table_no,
        table_kind,
        caption,
        first_line,
        col_no,
        column_header,
        measure,
        n_values,
        case
            when table_kind not in ('key_figures', 'operating_statement', 'investments')
                then 'a table of amounts of no known kind (not a statement, key figures or investments), '
                    || 'and no relation among its columns holds on enough of its rows to be learned'
            when table_kind = 'key_figures'
                then 'a key figure that no statement total and no pair of columns checks'
            when not has_total_row and measure = 'deviation'
                then 'no total row, and the deviation convention could not be found'
            when not has_total_row
                then 'no total row'
            when n_total_values = 0
                then 'the total row prints no value in this column'
            when measure = 'deviation'
                then 'the deviation convention could not be found'
            else 'no identity covers this column (no total, no pair of columns it derives from)'
        end as reason
    from unchecked
)

select * from final
