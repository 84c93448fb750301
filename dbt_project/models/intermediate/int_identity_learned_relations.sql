-- Learned relations as identities: on every row that prints the three columns of a relation
-- learned from the table (int_learned_relations), the result column equals the relation of
-- the other two. The finding names the relation and on how many rows it holds.
with relation_rows as (
    select * from {{ ref('int_relation_rows') }}
),

learned as (
    select * from {{ ref('int_learned_relations') }}
),

cells as (
    select * from {{ ref('int_cells_classified') }}
),

evaluated as (
    select
        relation_rows.*,
        learned.description
    from relation_rows
    inner join learned
        on learned.document_id = relation_rows.document_id
        and learned.table_no = relation_rows.table_no
        and learned.target_col = relation_rows.target_col
        and learned.left_col = relation_rows.left_col
        and learned.right_col = relation_rows.right_col
        and learned.op = relation_rows.op
),

final as (
    select
        evaluated.source_file,
        evaluated.document_id,
        evaluated.table_no,
        target.table_kind,
        'learned_relation' as rule,
        evaluated.row_no,
        evaluated.target_col as col_no,
        evaluated.line_no,
        evaluated.row_label,
        target.column_header,
        evaluated.target_text as reported_text,
        evaluated.target_value as reported,
        round(evaluated.expected, 9) as expected,
        round(evaluated.target_value - evaluated.expected, 9) as difference,
        round(evaluated.tolerance, 9) as tolerance,
        2 as n_parts,
        evaluated.description || ': ' || case evaluated.op
            when 'a+b' then evaluated.left_text || ' + ' || evaluated.right_text
            when 'a-b' then evaluated.left_text || ' − ' || evaluated.right_text
            else evaluated.right_text || ' − ' || evaluated.left_text
        end as detail,
        [
            evaluated.document_id || '|' || evaluated.table_no || '|' || evaluated.row_no || '|' || evaluated.target_col,
            evaluated.document_id || '|' || evaluated.table_no || '|' || evaluated.row_no || '|' || evaluated.left_col,
            evaluated.document_id || '|' || evaluated.table_no || '|' || evaluated.row_no || '|' || evaluated.right_col
        ] as cell_keys,
        -- difference = target − (left op right): how each cell enters it
        case evaluated.op
            when 'a+b' then [1.0, -1.0, -1.0]
            when 'a-b' then [1.0, -1.0, 1.0]
            else [1.0, 1.0, -1.0]
        end as cell_coefs,
        true as evaluable
    from evaluated
    inner join cells as target
        on target.document_id = evaluated.document_id
        and target.table_no = evaluated.table_no
        and target.row_no = evaluated.row_no
        and target.col_no = evaluated.target_col
)

select * from final
