with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

tables as (
    select document_id, count(*) as n_tables from {{ ref('stg_raw__tables') }} group by document_id
),

cells as (
    select document_id, count(*) as n_cells from {{ ref('stg_raw__cells') }} group by document_id
),

final as (
    select
        documents.document_id as report_key,
        documents.source_file,
        documents.title,
        documents.report_kind,
        documents.period_end,
        documents.fiscal_year,
        documents.organisation as publishing_organisation,
        documents.publisher,
        documents.sha256,
        documents.n_pages,
        coalesce(tables.n_tables, 0) as n_tables,
        coalesce(cells.n_cells, 0) as n_cells,
        documents.extracted_at
    from documents
    left join tables on documents.document_id = tables.document_id
    left join cells on documents.document_id = cells.document_id
)

select * from final
