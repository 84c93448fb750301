-- Every candidate relation among three value columns of a table of no known kind, evaluated
-- on every row that prints all three. Such a table has no identity the audit knows (no
-- budget/outcome/deviation layout, no statement), but its columns may still obey one: a
-- deviation = compensation − costs, a change = this year − last year. The relation is learned
-- from the rows themselves (int_learned_relations); this model is the evidence.
-- A relation over columns a < b < t is written with the rightmost column as its result:
-- t = a + b, t = a − b or t = b − a (every other form is one of these rearranged).
-- Rounding-aware like every identity: it holds on a row when |t − (a op b)| is at most the
-- sum of the three numbers' half units of their last printed digit.
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind = 'other'
        and value is not null
        and row_role <> 'heading'
),

value_columns as (
    select document_id, table_no, col_no, coalesce(any_value(column_header), 'Kolumn ' || col_no) as column_name
    from cells
    group by document_id, table_no, col_no
),

triples as (
    select
        a.document_id,
        a.table_no,
        a.col_no as left_col,
        b.col_no as right_col,
        t.col_no as target_col,
        a.column_name as left_name,
        b.column_name as right_name,
        t.column_name as target_name
    from value_columns as a
    inner join value_columns as b
        on b.document_id = a.document_id and b.table_no = a.table_no and b.col_no > a.col_no
    inner join value_columns as t
        on t.document_id = a.document_id and t.table_no = a.table_no and t.col_no > b.col_no
),

forms as (
    select triples.*, forms.op
    from triples
    cross join (values ('a+b'), ('a-b'), ('b-a')) as forms (op)
),

row_cells as (
    -- a relation's three cells on one row: a join of cells on (document_id, table_no, row_no)
    select
        forms.*,
        t.row_no,
        t.source_file,
        t.line_no,
        t.row_label,
        t.raw_text as target_text,
        a.raw_text as left_text,
        b.raw_text as right_text,
        t.value as target_value,
        a.value as left_value,
        b.value as right_value,
        t.half_ulp + a.half_ulp + b.half_ulp as tolerance
    from forms
    inner join cells as t
        on t.document_id = forms.document_id and t.table_no = forms.table_no and t.col_no = forms.target_col
    inner join cells as a
        on a.document_id = t.document_id and a.table_no = t.table_no and a.row_no = t.row_no
        and a.col_no = forms.left_col
    inner join cells as b
        on b.document_id = t.document_id and b.table_no = t.table_no and b.row_no = t.row_no
        and b.col_no = forms.right_col
),

final as (
    select
        *,
        case op
            when 'a+b' then left_value + right_value
            when 'a-b' then left_value - right_value
            else right_value - left_value
        end as expected,
        -- rounded to 9 decimals: binary floating point, not a tolerance
        round(abs(target_value - case op
            when 'a+b' then left_value + right_value
            when 'a-b' then left_value - right_value
            else right_value - left_value
        end), 9) <= round(tolerance, 9) as holds,
        -- a row of zeros fits every relation and tells none apart
        target_value <> 0 or left_value <> 0 or right_value <> 0 as is_informative,
        target_name || ' = ' || case op
            when 'a+b' then left_name || ' + ' || right_name
            when 'a-b' then left_name || ' − ' || right_name
            else right_name || ' − ' || left_name
        end as relation
    from row_cells
)

select * from final
