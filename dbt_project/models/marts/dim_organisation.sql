-- Organisations: the hierarchy seed, plus every unit the reports name that it does not list.
with hierarchy as (
    select * from {{ ref('organisations') }}
),

named as (
    select distinct organisation from {{ ref('int_cells_classified') }}
    where organisation is not null
),

members as (
    select organisation, level, parent from hierarchy
    union all
    select named.organisation, 'enhet' as level, null as parent
    from named
    where named.organisation not in (select organisation from hierarchy)
),

final as (
    select
        organisation as organisation_key,
        organisation as organisation_name,
        level,
        parent as parent_organisation_key
    from members
)

select * from final
