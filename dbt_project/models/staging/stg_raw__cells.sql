with source as (
    select * from {{ source('raw', 'cells') }}
),

final as (
    select
        document_id,
        table_no,
        row_no,
        col_no,
        line_no,
        page_no,
        label_line_no,
        row_label,
        row_role,
        parent_heading,
        row_context,
        column_header,
        raw_text,
        value,
        decimals,
        is_percent,
        footnote,
        placement
    from source
)

select * from final
