-- The GX suite's decision on each identity, one row per cell the identity covers.
with source as (
    select * from {{ source('audit', 'identity_findings') }}
),

final as (
    select
        unnest(cell_keys) as cell_key,
        rule,
        passed
    from source
    where passed is not null
)

select * from final
