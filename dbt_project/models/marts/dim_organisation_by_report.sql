-- The organisation hierarchy as each report prints it: one row per report and organisation
-- with its parent in that report (units move between organisations over the years).
with parents as (
    select * from {{ ref('int_organisation_parents') }}
),

final as (
    select
        document_id as report_key,
        organisation as organisation_key,
        parent_organisation as parent_organisation_key,
        case parent_source
            when 1 then 'total'
            when 2 then 'heading'
            when 3 then 'hierarchy_seed'
            when 4 then 'section'
        end as parent_source
    from parents
)

select * from final
