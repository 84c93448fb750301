-- The hierarchy seed, each organisation with the municipality (or region) at its root. The seed
-- describes one publisher's organisation: its parents apply to that publisher's reports (and to
-- reports whose publisher is not known), never to another municipality's 'Kommunstyrelsen'.
with recursive hierarchy as (
    select * from {{ ref('organisations') }}
),

tree as (
    select organisation, level, parent, organisation as municipality
    from hierarchy
    where parent is null
    union all
    select hierarchy.organisation, hierarchy.level, hierarchy.parent, tree.municipality
    from hierarchy
    inner join tree on hierarchy.parent = tree.organisation
),

final as (
    select organisation, level, parent, municipality
    from tree
)

select * from final
