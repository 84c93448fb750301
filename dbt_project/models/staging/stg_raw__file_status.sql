with source as (
    select * from {{ source('raw', 'file_status') }}
),

final as (
    select
        source_file,
        -- loaded (read in the last extraction: new or changed), unchanged, failed, duplicate,
        -- removed, ignored
        status,
        detail,
        n_tables,
        n_cells,
        checked_at
    from source
)

select * from final
