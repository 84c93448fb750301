with source as (
    select * from {{ source('raw', 'tables') }}
),

final as (
    select
        document_id,
        table_no,
        caption,
        unit,
        kind as table_kind,
        layout,
        stub_header,
        n_columns,
        organisation as section_organisation,
        first_line,
        last_line
    from source
)

select * from final
