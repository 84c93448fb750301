with source as (
    select * from {{ source('raw', 'documents') }}
),

final as (
    select
        document_id,
        source_file,
        sha256,
        title,
        organisation,
        publisher,
        report_kind,
        period_end,
        fiscal_year,
        month(period_end) as period_end_month,
        n_pages,
        extracted_at
    from source
)

select * from final
