-- Investment objects: the projects and purchases an investment table lists ('KS, ny simhall',
-- 'IT utrustning'), one row per object key (the name in lower case with one space between
-- words), with the organisation that invests in it.
with facts as (
    select * from {{ ref('int_money_facts') }}
    where investment_object_key is not null
),

final as (
    select
        investment_object_key,
        arg_max(investment_object, line_no) as investment_object_name,
        arg_max(organisation, document_id) as organisation_key,
        count(distinct document_id) as n_reports,
        count(*) as n_values
    from facts
    group by investment_object_key
)

select * from final
