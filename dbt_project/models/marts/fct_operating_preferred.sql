-- One fact per key: the preferred row of fct_operating for each report, organisation or
-- activity, line item, part, measure and period (grain tested unique). Sum net_cost_sek here.
with facts as (
    select * from {{ ref('fct_operating') }}
    where is_preferred
),

final as (
    select * exclude (is_preferred) from facts
)

select * from final
