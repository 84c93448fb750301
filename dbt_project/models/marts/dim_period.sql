with columns as (
    select distinct period_key, fiscal_year, through_month, period_kind
    from {{ ref('int_columns') }}
),

final as (
    select
        period_key,
        fiscal_year,
        through_month,
        period_kind,
        make_date(fiscal_year, 1, 1) as period_start,
        last_day(make_date(fiscal_year, through_month, 1)) as period_end
    from columns
)

select * from final
