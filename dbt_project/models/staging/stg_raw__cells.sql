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
        label_line_no,
        row_label,
        row_role,
        parent_heading,
        row_context,
        column_header,
        raw_text,
        value,
        decimals,
        -- half a unit of the last printed digit: the rounding interval of the value
        case when value is not null then 0.5 * pow(10, -decimals) end as half_ulp,
        is_percent,
        footnote,
        placement
    from source
)

select * from final
