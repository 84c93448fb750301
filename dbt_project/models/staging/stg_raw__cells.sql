with source as (
    select * from {{ source('raw', 'cells') }}
),

with_precision as (
    -- a zero printed bare ('0') among numbers that print decimals is an exact zero written
    -- without its decimals: it takes the precision of the numbers around it (the finer of its
    -- column's and its table's usual precision), not ±0.5
    select
        *,
        case
            when value = 0 and decimals = 0
                then greatest(
                    coalesce(max(decimals) filter (where value <> 0) over (partition by document_id, table_no, col_no), 0),
                    coalesce(mode(decimals) filter (where value <> 0) over (partition by document_id, table_no), 0)
                )
            else decimals
        end as precision_decimals
    from source
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
        case when value is not null then 0.5 * pow(10, -precision_decimals) end as half_ulp,
        precision_decimals,
        is_percent,
        footnote,
        placement
    from with_precision
)

select * from final
