-- One fact per key: the preferred row of fct_investment for each report, organisation,
-- investment object, line item, flow, measure and period (grain tested unique).
with facts as (
    select * from {{ ref('fct_investment') }}
    where is_preferred
),

final as (
    select * exclude (is_preferred) from facts
)

select * from final
