-- Every spelling an organisation is known by (the hierarchy seed's names and the alias seed),
-- on its match key (lower case, spacing and '&' normalised): one canonical organisation each.
-- Read from the seeds alone (tag seeds_alone): an incremental build keeps it as the same code
-- built it, with the seeds.
{{ config(tags=['seeds_alone']) }}
with hierarchy as (
    select * from {{ ref('organisations') }}
),

aliases as (
    select * from {{ ref('organisation_aliases') }}
),

names as (
    select {{ organisation_match_key('organisation') }} as match_key, organisation, 1 as priority
    from hierarchy
    union all
    select {{ organisation_match_key('alias') }} as match_key, organisation, 2 as priority
    from aliases
),

final as (
    select match_key, arg_min(organisation, priority) as organisation
    from names
    group by match_key
)

select * from final
