WITH m AS (
  SELECT
    household_id,
    COUNT(*) AS size,
    SUM(
      CASE
        WHEN (
          age BETWEEN 6 AND 15 AND in_school = 0 AND home_schooled = 0
        )
        THEN 1
        ELSE 0
      END
    ) AS school_dropouts,
    SUM(CASE WHEN (
      medical_insurance = 0
    ) THEN 1 ELSE 0 END) AS uninsured_members,
    SUM(CASE WHEN (
      labor IN ('full', 'partial')
    ) THEN 1 ELSE 0 END) AS able_members,
    SUM(CASE WHEN (
      health IN ('chronic', 'major_illness')
    ) THEN 1 ELSE 0 END) AS ill_members,
    SUM(CASE WHEN (
      health = 'disabled'
    ) THEN 1 ELSE 0 END) AS disabled_members
  FROM (
    SELECT
      *,
      2022 - EXTRACT(YEAR FROM birth_date) AS age
    FROM members
    WHERE
      EXTRACT(YEAR FROM birth_date) <= 2022
  ) AS mm
  GROUP BY
    household_id
), pm AS (
  SELECT
    household_id,
    COUNT(*) AS prev_size
  FROM members
  WHERE
    EXTRACT(YEAR FROM birth_date) <= 2021
  GROUP BY
    household_id
), base AS (
  SELECT
    h.household_id,
    h.village_code,
    CASE WHEN h.status = 'exited' AND h.exit_year > 2022 THEN 'poor' ELSE h.status END AS status,
    CASE WHEN h.exit_year > 2022 THEN NULL ELSE h.exit_year END AS exit_year,
    h.housing_grade,
    h.relocated,
    h.water_quantity_ok,
    h.water_quality_ok,
    h.water_access_ok,
    h.water_reliability_ok,
    h.dibao,
    h.tekun,
    COALESCE(m.size, 0) AS size,
    COALESCE(pm.prev_size, 0) AS prev_size,
    COALESCE(m.school_dropouts, 0) AS school_dropouts,
    COALESCE(m.uninsured_members, 0) AS uninsured_members,
    COALESCE(m.able_members, 0) AS able_members,
    COALESCE(m.ill_members, 0) AS ill_members,
    COALESCE(m.disabled_members, 0) AS disabled_members,
    NOT e.household_id IS NULL AS has_economy,
    NOT p.household_id IS NULL AS has_prev_economy,
    CAST(e.wage AS DECIMAL(14, 2)) AS wage,
    CAST(e.operating AS DECIMAL(14, 2)) AS operating,
    CAST(e.ecommerce_revenue AS DECIMAL(14, 2)) AS ecommerce_revenue,
    CAST(e.ecommerce_cost AS DECIMAL(14, 2)) AS ecommerce_cost,
    CAST(e.ecommerce_debt AS DECIMAL(14, 2)) AS ecommerce_debt,
    CAST(e.property AS DECIMAL(14, 2)) AS property,
    CAST(e.transfer AS DECIMAL(14, 2)) AS transfer,
    CAST(e.production_cost AS DECIMAL(14, 2)) AS production_cost,
    CAST(e.medical_oop AS DECIMAL(14, 2)) AS medical_oop,
    CAST(e.education_expense AS DECIMAL(14, 2)) AS education_expense,
    CAST(e.disaster_loss AS DECIMAL(14, 2)) AS disaster_loss,
    CAST(e.accident_loss AS DECIMAL(14, 2)) AS accident_loss,
    CAST(p.wage AS DECIMAL(14, 2)) AS prev_wage,
    CAST(p.operating AS DECIMAL(14, 2)) AS prev_operating,
    CAST(p.ecommerce_revenue AS DECIMAL(14, 2)) AS prev_ecommerce_revenue,
    CAST(p.ecommerce_cost AS DECIMAL(14, 2)) AS prev_ecommerce_cost,
    CAST(p.ecommerce_debt AS DECIMAL(14, 2)) AS prev_ecommerce_debt,
    CAST(p.property AS DECIMAL(14, 2)) AS prev_property,
    CAST(p.transfer AS DECIMAL(14, 2)) AS prev_transfer,
    CAST(p.production_cost AS DECIMAL(14, 2)) AS prev_production_cost,
    CAST(p.medical_oop AS DECIMAL(14, 2)) AS prev_medical_oop,
    CAST(p.education_expense AS DECIMAL(14, 2)) AS prev_education_expense,
    CAST(p.disaster_loss AS DECIMAL(14, 2)) AS prev_disaster_loss,
    CAST(p.accident_loss AS DECIMAL(14, 2)) AS prev_accident_loss
  FROM households AS h
  LEFT JOIN m
    ON m.household_id = h.household_id
  LEFT JOIN pm
    ON pm.household_id = h.household_id
  LEFT JOIN economy AS e
    ON e.household_id = h.household_id AND e.year = 2022
  LEFT JOIN economy AS p
    ON p.household_id = h.household_id AND p.year = 2021
), d AS (
  SELECT
    *,
    (
      wage + operating + ecommerce_revenue - ecommerce_cost + property + transfer - production_cost
    ) AS household_net_income,
    (
      prev_wage + prev_operating + prev_ecommerce_revenue - prev_ecommerce_cost + prev_property + prev_transfer - prev_production_cost
    ) AS prev_household_net_income,
    (
      medical_oop + education_expense + disaster_loss + accident_loss
    ) AS rigid_expense,
    (
      prev_medical_oop + prev_education_expense + prev_disaster_loss + prev_accident_loss
    ) AS prev_rigid_expense,
    CAST((
      wage + operating + ecommerce_revenue - ecommerce_cost + property + transfer - production_cost
    ) AS DOUBLE) / NULLIF(size, 0) AS per_capita_income,
    CAST((
      prev_wage + prev_operating + prev_ecommerce_revenue - prev_ecommerce_cost + prev_property + prev_transfer - prev_production_cost
    ) AS DOUBLE) / NULLIF(prev_size, 0) AS prev_per_capita_income
  FROM base
), f0 AS (
  SELECT
    *,
    (
      COALESCE(prev_household_net_income, household_net_income)
    ) AS base_income
  FROM d
), p0_r AS (
  SELECT
    *,
    CASE
      WHEN has_economy
      AND COALESCE((
        size > 0 AND household_net_income < 7300 * size
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_INCOME_BELOW_LINE,
    CASE
      WHEN has_economy
      AND COALESCE(
        (
          size > 0
          AND prev_household_net_income > 0
          AND household_net_income <= (
            1 - 0.3
          ) * prev_household_net_income
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END AS r_INCOME_SHARP_DROP,
    CASE
      WHEN has_economy
      AND COALESCE((
        rigid_expense > 0 AND rigid_expense > base_income
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_RIGID_EXPENSE_OVER_INCOME,
    CASE WHEN COALESCE((
      school_dropouts > 0
    ), FALSE) THEN 1 ELSE 0 END AS r_EDU_DROPOUT,
    CASE WHEN COALESCE((
      uninsured_members > 0
    ), FALSE) THEN 1 ELSE 0 END AS r_NO_MEDICAL_INSURANCE,
    CASE
      WHEN COALESCE((
        housing_grade IN ('C', 'D') AND relocated = 0
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_UNSAFE_HOUSING,
    CASE
      WHEN COALESCE(
        (
          water_quantity_ok = 0
          OR water_quality_ok = 0
          OR water_access_ok = 0
          OR water_reliability_ok = 0
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END AS r_UNSAFE_WATER,
    CASE
      WHEN has_economy
      AND COALESCE(
        (
          (
            ecommerce_cost > ecommerce_revenue
            AND ecommerce_cost - ecommerce_revenue >= 0.5 * GREATEST(base_income, 0)
          )
          OR (
            ecommerce_debt > 0 AND ecommerce_debt > GREATEST(household_net_income, 0)
          )
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END AS r_ECOM_VENTURE_LOSS
  FROM f0
  WHERE
    SUBSTRING(village_code, 1, 2) IN ('13')
), p0_t AS (
  SELECT
    *,
    CASE
      WHEN (
        r_INCOME_BELOW_LINE = 1 AND COALESCE((
          ill_members > 0
        ), FALSE)
      )
      OR (
        r_RIGID_EXPENSE_OVER_INCOME = 1 AND COALESCE((
          medical_oop > 0
        ), FALSE)
      )
      OR r_NO_MEDICAL_INSURANCE = 1
      THEN 1
      ELSE 0
    END AS rt_01,
    CASE
      WHEN (
        r_RIGID_EXPENSE_OVER_INCOME = 1 AND COALESCE((
          disaster_loss > 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_02,
    CASE
      WHEN (
        r_INCOME_BELOW_LINE = 1 AND COALESCE((
          disabled_members > 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_03,
    CASE
      WHEN (
        r_INCOME_BELOW_LINE = 1 AND COALESCE((
          able_members = 0
        ), FALSE)
      )
      OR (
        r_INCOME_SHARP_DROP = 1
        AND COALESCE((
          wage < prev_wage AND able_members = 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_04,
    CASE
      WHEN (
        r_RIGID_EXPENSE_OVER_INCOME = 1 AND COALESCE((
          accident_loss > 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_05,
    CASE
      WHEN (
        r_INCOME_SHARP_DROP = 1
        AND COALESCE(
          (
            operating + ecommerce_revenue - ecommerce_cost < prev_operating + prev_ecommerce_revenue - prev_ecommerce_cost
          ),
          FALSE
        )
      )
      OR r_ECOM_VENTURE_LOSS = 1
      THEN 1
      ELSE 0
    END AS rt_06,
    CASE
      WHEN (
        r_INCOME_SHARP_DROP = 1
        AND COALESCE((
          wage < prev_wage AND able_members > 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_07,
    CASE
      WHEN (
        r_RIGID_EXPENSE_OVER_INCOME = 1 AND COALESCE((
          education_expense > 0
        ), FALSE)
      )
      OR r_EDU_DROPOUT = 1
      THEN 1
      ELSE 0
    END AS rt_09,
    CASE
      WHEN (
        r_INCOME_BELOW_LINE = 1
        AND NOT COALESCE((
          able_members = 0
        ), FALSE)
        AND NOT COALESCE((
          disabled_members > 0
        ), FALSE)
        AND NOT COALESCE((
          ill_members > 0
        ), FALSE)
      )
      OR (
        r_INCOME_SHARP_DROP = 1
        AND NOT COALESCE((
          wage < prev_wage AND able_members > 0
        ), FALSE)
        AND NOT COALESCE((
          wage < prev_wage AND able_members = 0
        ), FALSE)
        AND NOT COALESCE(
          (
            operating + ecommerce_revenue - ecommerce_cost < prev_operating + prev_ecommerce_revenue - prev_ecommerce_cost
          ),
          FALSE
        )
      )
      OR (
        r_UNSAFE_HOUSING = 1 AND TRUE
      )
      OR (
        r_UNSAFE_WATER = 1 AND TRUE
      )
      THEN 1
      ELSE 0
    END AS rt_99
  FROM p0_r
), p0_c AS (
  SELECT
    *,
    CASE
      WHEN has_economy AND COALESCE((
        wage > 0 AND wage < 100
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_DC_WAGE_SUSPICIOUS,
    CASE
      WHEN has_economy
      AND COALESCE((
        status = 'exited' AND size > 0 AND household_net_income < 4000 * size
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_DC_EXITED_BELOW_POVERTY_LINE,
    CASE
      WHEN has_economy AND COALESCE((
        (
          rt_07 = 1
        ) AND able_members = 0
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_DC_UNSTABLE_EMPLOYMENT_NO_LABOUR,
    CASE WHEN COALESCE((
      size > 12
    ), FALSE) THEN 1 ELSE 0 END AS r_DC_LARGE_HOUSEHOLD
  FROM p0_t
), p1_r AS (
  SELECT
    *,
    CASE
      WHEN has_economy
      AND COALESCE((
        size > 0 AND household_net_income < 7260 * size
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_INCOME_BELOW_LINE,
    CASE
      WHEN has_economy
      AND COALESCE(
        (
          size > 0
          AND prev_household_net_income > 0
          AND household_net_income <= (
            1 - 0.3
          ) * prev_household_net_income
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END AS r_INCOME_SHARP_DROP,
    CASE
      WHEN has_economy
      AND COALESCE((
        rigid_expense > 0 AND rigid_expense > base_income
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_RIGID_EXPENSE_OVER_INCOME,
    CASE WHEN COALESCE((
      school_dropouts > 0
    ), FALSE) THEN 1 ELSE 0 END AS r_EDU_DROPOUT,
    CASE WHEN COALESCE((
      uninsured_members > 0
    ), FALSE) THEN 1 ELSE 0 END AS r_NO_MEDICAL_INSURANCE,
    CASE
      WHEN COALESCE((
        housing_grade IN ('C', 'D') AND relocated = 0
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_UNSAFE_HOUSING,
    CASE
      WHEN COALESCE(
        (
          water_quantity_ok = 0
          OR water_quality_ok = 0
          OR water_access_ok = 0
          OR water_reliability_ok = 0
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END AS r_UNSAFE_WATER,
    CASE
      WHEN has_economy
      AND COALESCE(
        (
          (
            ecommerce_cost > ecommerce_revenue
            AND ecommerce_cost - ecommerce_revenue >= 0.5 * GREATEST(base_income, 0)
          )
          OR (
            ecommerce_debt > 0 AND ecommerce_debt > GREATEST(household_net_income, 0)
          )
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END AS r_ECOM_VENTURE_LOSS
  FROM f0
  WHERE
    SUBSTRING(village_code, 1, 2) IN ('21')
), p1_t AS (
  SELECT
    *,
    CASE
      WHEN (
        r_INCOME_BELOW_LINE = 1 AND COALESCE((
          ill_members > 0
        ), FALSE)
      )
      OR (
        r_RIGID_EXPENSE_OVER_INCOME = 1 AND COALESCE((
          medical_oop > 0
        ), FALSE)
      )
      OR r_NO_MEDICAL_INSURANCE = 1
      THEN 1
      ELSE 0
    END AS rt_01,
    CASE
      WHEN (
        r_RIGID_EXPENSE_OVER_INCOME = 1 AND COALESCE((
          disaster_loss > 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_02,
    CASE
      WHEN (
        r_INCOME_BELOW_LINE = 1 AND COALESCE((
          disabled_members > 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_03,
    CASE
      WHEN (
        r_INCOME_BELOW_LINE = 1 AND COALESCE((
          able_members = 0
        ), FALSE)
      )
      OR (
        r_INCOME_SHARP_DROP = 1
        AND COALESCE((
          wage < prev_wage AND able_members = 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_04,
    CASE
      WHEN (
        r_RIGID_EXPENSE_OVER_INCOME = 1 AND COALESCE((
          accident_loss > 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_05,
    CASE
      WHEN (
        r_INCOME_SHARP_DROP = 1
        AND COALESCE(
          (
            operating + ecommerce_revenue - ecommerce_cost < prev_operating + prev_ecommerce_revenue - prev_ecommerce_cost
          ),
          FALSE
        )
      )
      OR r_ECOM_VENTURE_LOSS = 1
      THEN 1
      ELSE 0
    END AS rt_06,
    CASE
      WHEN (
        r_INCOME_SHARP_DROP = 1
        AND COALESCE((
          wage < prev_wage AND able_members > 0
        ), FALSE)
      )
      THEN 1
      ELSE 0
    END AS rt_07,
    CASE
      WHEN (
        r_RIGID_EXPENSE_OVER_INCOME = 1 AND COALESCE((
          education_expense > 0
        ), FALSE)
      )
      OR r_EDU_DROPOUT = 1
      THEN 1
      ELSE 0
    END AS rt_09,
    CASE
      WHEN (
        r_INCOME_BELOW_LINE = 1
        AND NOT COALESCE((
          able_members = 0
        ), FALSE)
        AND NOT COALESCE((
          disabled_members > 0
        ), FALSE)
        AND NOT COALESCE((
          ill_members > 0
        ), FALSE)
      )
      OR (
        r_INCOME_SHARP_DROP = 1
        AND NOT COALESCE((
          wage < prev_wage AND able_members > 0
        ), FALSE)
        AND NOT COALESCE((
          wage < prev_wage AND able_members = 0
        ), FALSE)
        AND NOT COALESCE(
          (
            operating + ecommerce_revenue - ecommerce_cost < prev_operating + prev_ecommerce_revenue - prev_ecommerce_cost
          ),
          FALSE
        )
      )
      OR (
        r_UNSAFE_HOUSING = 1 AND TRUE
      )
      OR (
        r_UNSAFE_WATER = 1 AND TRUE
      )
      THEN 1
      ELSE 0
    END AS rt_99
  FROM p1_r
), p1_c AS (
  SELECT
    *,
    CASE
      WHEN has_economy AND COALESCE((
        wage > 0 AND wage < 100
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_DC_WAGE_SUSPICIOUS,
    CASE
      WHEN has_economy
      AND COALESCE((
        status = 'exited' AND size > 0 AND household_net_income < 4000 * size
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_DC_EXITED_BELOW_POVERTY_LINE,
    CASE
      WHEN has_economy AND COALESCE((
        (
          rt_07 = 1
        ) AND able_members = 0
      ), FALSE)
      THEN 1
      ELSE 0
    END AS r_DC_UNSTABLE_EMPLOYMENT_NO_LABOUR,
    CASE WHEN COALESCE((
      size > 12
    ), FALSE) THEN 1 ELSE 0 END AS r_DC_LARGE_HOUSEHOLD
  FROM p1_t
)
SELECT
  household_id,
  village_code,
  status,
  CASE
    WHEN COALESCE((
      status = 'poor'
    ), FALSE)
    THEN 'registered_poor'
    WHEN COALESCE((
      NOT has_economy
    ), FALSE)
    THEN 'no_data'
    WHEN COALESCE(
      (
        status = 'exited'
        AND (
          (
            r_INCOME_BELOW_LINE = 1
          )
          OR (
            (
              r_EDU_DROPOUT = 1
            )
            OR (
              r_NO_MEDICAL_INSURANCE = 1
            )
            OR (
              r_UNSAFE_HOUSING = 1
            )
            OR (
              r_UNSAFE_WATER = 1
            )
          )
        )
      ),
      FALSE
    )
    THEN 'unstable'
    WHEN COALESCE(
      (
        status = 'general'
        AND (
          (
            r_INCOME_BELOW_LINE = 1
          )
          OR (
            (
              r_EDU_DROPOUT = 1
            )
            OR (
              r_NO_MEDICAL_INSURANCE = 1
            )
            OR (
              r_UNSAFE_HOUSING = 1
            )
            OR (
              r_UNSAFE_WATER = 1
            )
          )
        )
      ),
      FALSE
    )
    THEN 'marginal'
    WHEN COALESCE(
      (
        (
          (
            r_INCOME_SHARP_DROP = 1
          )
          OR (
            r_RIGID_EXPENSE_OVER_INCOME = 1
          )
          OR (
            r_ECOM_VENTURE_LOSS = 1
          )
        )
      ),
      FALSE
    )
    THEN 'sudden_hardship'
    ELSE 'none'
  END AS category,
  CONCAT_WS(
    ';',
    CASE WHEN r_ECOM_VENTURE_LOSS = 1 THEN 'ECOM_VENTURE_LOSS' END,
    CASE WHEN r_EDU_DROPOUT = 1 THEN 'EDU_DROPOUT' END,
    CASE WHEN r_INCOME_BELOW_LINE = 1 THEN 'INCOME_BELOW_LINE' END,
    CASE WHEN r_INCOME_SHARP_DROP = 1 THEN 'INCOME_SHARP_DROP' END,
    CASE WHEN r_NO_MEDICAL_INSURANCE = 1 THEN 'NO_MEDICAL_INSURANCE' END,
    CASE WHEN r_RIGID_EXPENSE_OVER_INCOME = 1 THEN 'RIGID_EXPENSE_OVER_INCOME' END,
    CASE WHEN r_UNSAFE_HOUSING = 1 THEN 'UNSAFE_HOUSING' END,
    CASE WHEN r_UNSAFE_WATER = 1 THEN 'UNSAFE_WATER' END
  ) AS rules,
  CONCAT_WS(
    ';',
    CASE WHEN rt_01 = 1 THEN '01' END,
    CASE WHEN rt_02 = 1 THEN '02' END,
    CASE WHEN rt_03 = 1 THEN '03' END,
    CASE WHEN rt_04 = 1 THEN '04' END,
    CASE WHEN rt_05 = 1 THEN '05' END,
    CASE WHEN rt_06 = 1 THEN '06' END,
    CASE WHEN rt_07 = 1 THEN '07' END,
    CASE WHEN rt_09 = 1 THEN '09' END,
    CASE WHEN rt_99 = 1 THEN '99' END
  ) AS risk_types,
  per_capita_income,
  prev_per_capita_income,
  CONCAT_WS(
    ';',
    CASE
      WHEN r_DC_EXITED_BELOW_POVERTY_LINE = 1
      THEN 'DC_EXITED_BELOW_POVERTY_LINE'
    END,
    CASE WHEN r_DC_LARGE_HOUSEHOLD = 1 THEN 'DC_LARGE_HOUSEHOLD' END,
    CASE
      WHEN r_DC_UNSTABLE_EMPLOYMENT_NO_LABOUR = 1
      THEN 'DC_UNSTABLE_EMPLOYMENT_NO_LABOUR'
    END,
    CASE WHEN r_DC_WAGE_SUSPICIOUS = 1 THEN 'DC_WAGE_SUSPICIOUS' END
  ) AS data_checks,
  r_INCOME_BELOW_LINE,
  r_INCOME_SHARP_DROP,
  r_RIGID_EXPENSE_OVER_INCOME,
  r_EDU_DROPOUT,
  r_NO_MEDICAL_INSURANCE,
  r_UNSAFE_HOUSING,
  r_UNSAFE_WATER,
  r_ECOM_VENTURE_LOSS,
  r_DC_WAGE_SUSPICIOUS,
  r_DC_EXITED_BELOW_POVERTY_LINE,
  r_DC_UNSTABLE_EMPLOYMENT_NO_LABOUR,
  r_DC_LARGE_HOUSEHOLD,
  able_members AS ev_able_members,
  accident_loss AS ev_accident_loss,
  base_income AS ev_base_income,
  disaster_loss AS ev_disaster_loss,
  ecommerce_cost AS ev_ecommerce_cost,
  ecommerce_debt AS ev_ecommerce_debt,
  ecommerce_revenue AS ev_ecommerce_revenue,
  education_expense AS ev_education_expense,
  household_net_income AS ev_household_net_income,
  housing_grade AS ev_housing_grade,
  medical_oop AS ev_medical_oop,
  relocated AS ev_relocated,
  rigid_expense AS ev_rigid_expense,
  school_dropouts AS ev_school_dropouts,
  size AS ev_size,
  uninsured_members AS ev_uninsured_members,
  wage AS ev_wage,
  water_access_ok AS ev_water_access_ok,
  water_quality_ok AS ev_water_quality_ok,
  water_quantity_ok AS ev_water_quantity_ok,
  water_reliability_ok AS ev_water_reliability_ok
FROM p0_c
UNION ALL
SELECT
  household_id,
  village_code,
  status,
  CASE
    WHEN COALESCE((
      status = 'poor'
    ), FALSE)
    THEN 'registered_poor'
    WHEN COALESCE((
      NOT has_economy
    ), FALSE)
    THEN 'no_data'
    WHEN COALESCE(
      (
        status = 'exited'
        AND (
          (
            r_INCOME_BELOW_LINE = 1
          )
          OR (
            (
              r_EDU_DROPOUT = 1
            )
            OR (
              r_NO_MEDICAL_INSURANCE = 1
            )
            OR (
              r_UNSAFE_HOUSING = 1
            )
            OR (
              r_UNSAFE_WATER = 1
            )
          )
        )
      ),
      FALSE
    )
    THEN 'unstable'
    WHEN COALESCE(
      (
        status = 'general'
        AND (
          (
            r_INCOME_BELOW_LINE = 1
          )
          OR (
            (
              r_EDU_DROPOUT = 1
            )
            OR (
              r_NO_MEDICAL_INSURANCE = 1
            )
            OR (
              r_UNSAFE_HOUSING = 1
            )
            OR (
              r_UNSAFE_WATER = 1
            )
          )
        )
      ),
      FALSE
    )
    THEN 'marginal'
    WHEN COALESCE(
      (
        (
          (
            r_INCOME_SHARP_DROP = 1
          )
          OR (
            r_RIGID_EXPENSE_OVER_INCOME = 1
          )
          OR (
            r_ECOM_VENTURE_LOSS = 1
          )
        )
      ),
      FALSE
    )
    THEN 'sudden_hardship'
    ELSE 'none'
  END AS category,
  CONCAT_WS(
    ';',
    CASE WHEN r_ECOM_VENTURE_LOSS = 1 THEN 'ECOM_VENTURE_LOSS' END,
    CASE WHEN r_EDU_DROPOUT = 1 THEN 'EDU_DROPOUT' END,
    CASE WHEN r_INCOME_BELOW_LINE = 1 THEN 'INCOME_BELOW_LINE' END,
    CASE WHEN r_INCOME_SHARP_DROP = 1 THEN 'INCOME_SHARP_DROP' END,
    CASE WHEN r_NO_MEDICAL_INSURANCE = 1 THEN 'NO_MEDICAL_INSURANCE' END,
    CASE WHEN r_RIGID_EXPENSE_OVER_INCOME = 1 THEN 'RIGID_EXPENSE_OVER_INCOME' END,
    CASE WHEN r_UNSAFE_HOUSING = 1 THEN 'UNSAFE_HOUSING' END,
    CASE WHEN r_UNSAFE_WATER = 1 THEN 'UNSAFE_WATER' END
  ) AS rules,
  CONCAT_WS(
    ';',
    CASE WHEN rt_01 = 1 THEN '01' END,
    CASE WHEN rt_02 = 1 THEN '02' END,
    CASE WHEN rt_03 = 1 THEN '03' END,
    CASE WHEN rt_04 = 1 THEN '04' END,
    CASE WHEN rt_05 = 1 THEN '05' END,
    CASE WHEN rt_06 = 1 THEN '06' END,
    CASE WHEN rt_07 = 1 THEN '07' END,
    CASE WHEN rt_09 = 1 THEN '09' END,
    CASE WHEN rt_99 = 1 THEN '99' END
  ) AS risk_types,
  per_capita_income,
  prev_per_capita_income,
  CONCAT_WS(
    ';',
    CASE
      WHEN r_DC_EXITED_BELOW_POVERTY_LINE = 1
      THEN 'DC_EXITED_BELOW_POVERTY_LINE'
    END,
    CASE WHEN r_DC_LARGE_HOUSEHOLD = 1 THEN 'DC_LARGE_HOUSEHOLD' END,
    CASE
      WHEN r_DC_UNSTABLE_EMPLOYMENT_NO_LABOUR = 1
      THEN 'DC_UNSTABLE_EMPLOYMENT_NO_LABOUR'
    END,
    CASE WHEN r_DC_WAGE_SUSPICIOUS = 1 THEN 'DC_WAGE_SUSPICIOUS' END
  ) AS data_checks,
  r_INCOME_BELOW_LINE,
  r_INCOME_SHARP_DROP,
  r_RIGID_EXPENSE_OVER_INCOME,
  r_EDU_DROPOUT,
  r_NO_MEDICAL_INSURANCE,
  r_UNSAFE_HOUSING,
  r_UNSAFE_WATER,
  r_ECOM_VENTURE_LOSS,
  r_DC_WAGE_SUSPICIOUS,
  r_DC_EXITED_BELOW_POVERTY_LINE,
  r_DC_UNSTABLE_EMPLOYMENT_NO_LABOUR,
  r_DC_LARGE_HOUSEHOLD,
  able_members AS ev_able_members,
  accident_loss AS ev_accident_loss,
  base_income AS ev_base_income,
  disaster_loss AS ev_disaster_loss,
  ecommerce_cost AS ev_ecommerce_cost,
  ecommerce_debt AS ev_ecommerce_debt,
  ecommerce_revenue AS ev_ecommerce_revenue,
  education_expense AS ev_education_expense,
  household_net_income AS ev_household_net_income,
  housing_grade AS ev_housing_grade,
  medical_oop AS ev_medical_oop,
  relocated AS ev_relocated,
  rigid_expense AS ev_rigid_expense,
  school_dropouts AS ev_school_dropouts,
  size AS ev_size,
  uninsured_members AS ev_uninsured_members,
  wage AS ev_wage,
  water_access_ok AS ev_water_access_ok,
  water_quality_ok AS ev_water_quality_ok,
  water_quantity_ok AS ev_water_quantity_ok,
  water_reliability_ok AS ev_water_reliability_ok
FROM p1_c
ORDER BY
  household_id
