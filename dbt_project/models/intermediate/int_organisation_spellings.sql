-- The name of each unit the seeds do not know: its label as first printed (by document, table
-- and row) in any report's money tables. Spellings that differ only in case, spacing or '&'
-- share a match_key and are one organisation.
with money_rows as (
    select * from {{ ref('int_money_rows_by_document') }}
    where spelling_match_key is not null
),

final as (
    select
        spelling_match_key as match_key,
        spelling as first_spelling
    from money_rows
    qualify row_number() over (partition by spelling_match_key order by document_id, table_no, row_no) = 1
)

select * from final
