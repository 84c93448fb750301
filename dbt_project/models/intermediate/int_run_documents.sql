-- Every document in the warehouse, and whether the last extraction loaded it (a new or changed
-- report file). The incremental models build the loaded documents again and keep the others'
-- rows from the build before (their raw rows are the same); a full refresh builds them all.
-- A view: a few rows, read by each incremental model's filter and pre-hook.
{{ config(materialized='view') }}
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

file_status as (
    select * from {{ ref('stg_raw__file_status') }}
),

final as (
    select
        documents.document_id,
        documents.source_file,
        -- a document without a status (not foreseen) is built again: never a stale row
        coalesce(file_status.status = 'loaded', true) as is_loaded_in_run
    from documents
    left join file_status on file_status.source_file = documents.source_file
)

select * from final
