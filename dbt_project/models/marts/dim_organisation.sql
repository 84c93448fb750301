-- Organisations, and only organisations: the hierarchy seed and every unit the money tables
-- name (investment objects are in dim_investment_object, frames are a measure). Names are
-- matched case- and spacing-insensitively; the level comes from the seed or from the name
-- ('…staben' a stab, 'Verksamhetsområde …' a verksamhetsområde, '… AB' a bolag); the parent
-- is the one the latest report prints (per report: dim_organisation_by_report).
with hierarchy as (
    select * from {{ ref('organisations') }}
),

levels as (
    select * from {{ ref('organisation_levels') }}
),

parents as (
    select * from {{ ref('int_organisation_parents') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

members as (
    select organisation from hierarchy
    union
    select organisation from parents
),

latest_parent as (
    select
        parents.organisation,
        arg_max(parents.parent_organisation, documents.period_end) as parent_organisation
    from parents
    inner join documents on documents.document_id = parents.document_id
    where parents.parent_organisation is not null
    group by parents.organisation
),

own_lines as (
    -- '<organisation> (egen verksamhet)': the organisation's own line in its table
    select
        members.organisation,
        regexp_extract(members.organisation, '^(.*) \(egen verksamhet\)$', 1) as owner
    from members
    where regexp_matches(members.organisation, ' \(egen verksamhet\)$')
),

final as (
    select
        members.organisation as organisation_key,
        members.organisation as organisation_name,
        coalesce(
            hierarchy.level,
            owner_level.level,
            (
                select arg_min(levels.level, length(levels.pattern))
                from levels where regexp_matches(lower(members.organisation), levels.pattern)
            ),
            'enhet'
        ) as level,
        coalesce(latest_parent.parent_organisation, hierarchy.parent) as parent_organisation_key,
        own_lines.owner is not null as is_own_line
    from members
    left join hierarchy on hierarchy.organisation = members.organisation
    left join latest_parent on latest_parent.organisation = members.organisation
    left join own_lines on own_lines.organisation = members.organisation
    left join hierarchy as owner_level on owner_level.organisation = own_lines.owner
)

select * from final
