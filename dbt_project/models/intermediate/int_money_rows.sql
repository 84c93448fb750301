-- One row per printed row of a money table (int_money_rows_by_document, where the rules are),
-- a unit the seeds do not know named as first printed in any report (int_organisation_spellings).
-- A view: the per-document rows are built incrementally, and only the names cross documents.
{{ config(materialized='view') }}
with money_rows as (
    select * from {{ ref('int_money_rows_by_document') }}
),

spellings as (
    select * from {{ ref('int_organisation_spellings') }}
),

final as (
    select
        money_rows.document_id,
        money_rows.source_file,
        money_rows.table_no,
        money_rows.row_no,
        money_rows.table_kind,
        money_rows.row_label,
        money_rows.row_role,
        money_rows.row_class,
        money_rows.block_no,
        money_rows.owner_row_no,
        money_rows.parent_heading,
        money_rows.activity_code,
        money_rows.section_organisation,
        money_rows.is_own_line,
        money_rows.keyed_by_items,
        money_rows.is_outside_total,
        money_rows.row_measure,
        money_rows.line_item,
        coalesce(spellings.first_spelling, money_rows.organisation) as organisation,
        money_rows.row_activity_code,
        money_rows.investment_object
    from money_rows
    left join spellings on spellings.match_key = money_rows.organisation_spelling_key
)

select * from final
