-- The relations a table of no known kind obeys, learned from its rows (the idea of the
-- parser's relations.py, in SQL): a candidate relation is learned when it holds on at least
-- three rows that are not all zeros and on at least three quarters of the rows that print its
-- three columns, or, in a small table, on all of them but one or two and on at least twice as
-- many as break it (6 of 7, 5 of 7, 4 of 6: one misprint more must not unlearn it). Of the three forms over one set of columns the one holding on most rows is
-- kept (a tie: a difference before a sum). The rows it does not hold on are findings
-- (int_identity_learned_relations).
with relation_rows as (
    select * from {{ ref('int_relation_rows') }}
),

support as (
    select
        document_id,
        table_no,
        target_col,
        left_col,
        right_col,
        op,
        any_value(relation) as relation,
        any_value(source_file) as source_file,
        count(*) as n_rows,
        count(*) filter (where holds) as k_rows,
        count(*) filter (where holds and is_informative) as k_informative_rows
    from relation_rows
    group by document_id, table_no, target_col, left_col, right_col, op
),

learned as (
    select *
    from support
    where k_informative_rows >= 3
        and (
            k_rows >= 0.75 * n_rows
            -- a small table: all rows but one or two, and at least twice as many as break it
            or (n_rows - k_rows <= 2 and k_rows >= 2 * (n_rows - k_rows))
        )
),

final as (
    select
        *,
        relation || ' (holds on ' || k_rows || ' of ' || n_rows || ' rows)' as description
    from learned
    qualify row_number() over (
        partition by document_id, table_no, target_col, left_col, right_col
        order by k_rows desc, op = 'a+b', op
    ) = 1
)

select * from final
