with columns as (
    select distinct period_key, fiscal_year, through_month, period_kind
    from {{ ref('int_columns') }}
    -- a column of a report that prints no year (an excerpt: a table and its prose) has no
    -- period; its facts carry none
    where period_key is not null
),

final as (
    select
        period_key,
        fiscal_year,
        through_month,
        period_kind,
        -- a month's own figure starts with the month; the year to date with the year
        make_date(fiscal_year, case when period_kind = 'month' then through_month else 1 end, 1) as period_start,
        last_day(make_date(fiscal_year, through_month, 1)) as period_end
    from columns
)

select * from final
