-- Profit Tiers: customer profitability segmentation (DOMAIN.md §2-4, §6), spark dialect.
-- Input customers, one row per customer or per transaction; columns read: customer = Customer ID, revenue = Revenue, name = Customer Name, cogs = COGS, orders = Orders, lines = Order Lines, deliveries = Deliveries, returns = Returns, contacts = Service Contacts, repeatContacts = Repeat Contacts, visits = Sales Visits, paymentDays = Payment Days.
-- Size: Pareto (Large if bigger customers hold < 0.8 of revenue, Medium if < 0.95);
-- profitability: margin bands (Low if net profit < 0, High if net margin >= the overall margin: net profit / revenue of the customers with revenue).
-- Store money as DECIMAL/NUMERIC (or integer cents) for exact, order-independent sums.
WITH
input_rows AS (
  SELECT
    TRIM(CAST(`Customer ID` AS STRING)) AS customer,
    NULLIF(TRIM(CAST(`Customer Name` AS STRING)), '') AS name,
    `Revenue` AS revenue,
    `Revenue` - COALESCE(`COGS`, 0) AS gross_profit,
    COALESCE(`Orders`, 0) AS v_orders,
    COALESCE(`Order Lines`, 0) AS v_lines,
    COALESCE(`Deliveries`, 0) AS v_deliveries,
    COALESCE(`Returns`, 0) AS v_returns,
    COALESCE(`Service Contacts`, 0) AS v_contacts,
    COALESCE(`Repeat Contacts`, 0) AS v_repeat_contacts,
    COALESCE(`Sales Visits`, 0) AS v_visits,
    `Payment Days` AS payment_days
  FROM `customers`
  WHERE `Customer ID` IS NOT NULL
    AND TRIM(CAST(`Customer ID` AS STRING)) <> ''
    AND `Revenue` IS NOT NULL
    AND (`Orders` IS NULL OR `Orders` >= 0)
    AND (`Order Lines` IS NULL OR `Order Lines` >= 0)
    AND (`Deliveries` IS NULL OR `Deliveries` >= 0)
    AND (`Returns` IS NULL OR `Returns` >= 0)
    AND (`Service Contacts` IS NULL OR `Service Contacts` >= 0)
    AND (`Repeat Contacts` IS NULL OR `Repeat Contacts` >= 0)
    AND (`Sales Visits` IS NULL OR `Sales Visits` >= 0)
    AND (`Payment Days` IS NULL OR `Payment Days` >= 0)
),
customers AS (
  SELECT
    customer,
    COALESCE(MIN(name), '') AS name,
    COUNT(*) AS row_count,
    SUM(revenue) AS revenue_exact,
    SUM(gross_profit) AS gross_profit_exact,
    SUM(v_orders) AS v_orders,
    SUM(v_lines) AS v_lines,
    SUM(v_deliveries) AS v_deliveries,
    SUM(v_returns) AS v_returns,
    SUM(v_contacts) AS v_contacts,
    SUM(v_repeat_contacts) AS v_repeat_contacts,
    SUM(v_visits) AS v_visits,
    MAX(payment_days) AS payment_days_one,
    SUM(CASE WHEN payment_days IS NOT NULL THEN revenue * payment_days END) AS days_weighted,
    SUM(CASE WHEN payment_days IS NOT NULL THEN revenue END) AS days_revenue
  FROM input_rows
  GROUP BY customer
),
volumes AS (
  SELECT
    customer,
    name,
    row_count,
    revenue_exact,
    CAST(revenue_exact AS DOUBLE) AS revenue,
    CAST(gross_profit_exact AS DOUBLE) AS gross_profit,
    CASE WHEN revenue_exact > 0 THEN 1 ELSE 0 END AS in_matrix,
    CAST(v_orders AS DOUBLE) AS volume_orders,
    CAST(v_lines AS DOUBLE) AS volume_lines,
    CAST(v_deliveries AS DOUBLE) AS volume_deliveries,
    CAST(v_returns AS DOUBLE) AS volume_returns,
    CAST(v_contacts AS DOUBLE) AS volume_contacts,
    CAST(v_repeat_contacts AS DOUBLE) AS volume_repeat_contacts,
    CAST(v_visits AS DOUBLE) AS volume_visits,
    CASE WHEN MAX(row_count) OVER () > 1 THEN (CASE WHEN days_revenue <> 0 THEN CAST(days_weighted AS DOUBLE) / CAST(days_revenue AS DOUBLE) ELSE 0e+0 END) ELSE COALESCE(CAST(payment_days_one AS DOUBLE), 0e+0) END AS payment_days
  FROM customers
),
priced AS (
  SELECT
    *,
    volume_orders * 2.5e+1 AS cost_orders,
    volume_lines * 2e+0 AS cost_lines,
    volume_deliveries * 4e+1 AS cost_deliveries,
    volume_returns * 6e+1 AS cost_returns,
    volume_contacts * 1.5e+1 AS cost_contacts,
    volume_repeat_contacts * 2.5e+1 AS cost_repeat_contacts,
    volume_visits * 2.5e+2 AS cost_visits,
    revenue * payment_days * 2.7397260273972606e-4 AS cost_of_capital
  FROM volumes
),
netted AS (
  SELECT
    *,
    cost_orders + cost_lines + cost_deliveries + cost_returns + cost_contacts + cost_repeat_contacts + cost_visits + cost_of_capital AS cost_to_serve,
    gross_profit - (cost_orders + cost_lines + cost_deliveries + cost_returns + cost_contacts + cost_repeat_contacts + cost_visits + cost_of_capital) AS net_profit,
    cost_orders + cost_lines + cost_deliveries + cost_returns + cost_contacts + cost_repeat_contacts + cost_visits + cost_of_capital - gross_profit AS exit_impact
  FROM priced
),
sized AS (
  SELECT
    *,
    CASE WHEN in_matrix = 1 THEN net_profit / revenue END AS net_margin,
    CASE WHEN in_matrix = 1 THEN
      CAST(SUM(revenue_exact) OVER (PARTITION BY in_matrix ORDER BY revenue_exact DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        - SUM(revenue_exact) OVER (PARTITION BY in_matrix ORDER BY revenue_exact DESC RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS DOUBLE)
      / CAST(SUM(revenue_exact) OVER (PARTITION BY in_matrix) AS DOUBLE)
    END AS revenue_share_before,
    CASE WHEN in_matrix = 1 THEN GREATEST(0e+0, SUM(net_profit) OVER (PARTITION BY in_matrix) / CAST(SUM(revenue_exact) OVER (PARTITION BY in_matrix) AS DOUBLE)) END AS margin_target
  FROM netted
),
classed AS (
  SELECT
    *,
    CASE WHEN in_matrix = 0 THEN NULL
      WHEN revenue_share_before < 8e-1 THEN 'Large'
      WHEN revenue_share_before < 9.5e-1 THEN 'Medium'
      ELSE 'Small' END AS size,
    CASE WHEN in_matrix = 0 THEN NULL
      WHEN net_profit < 0 THEN 'Low'
      WHEN net_margin >= margin_target THEN 'High'
      ELSE 'Mid' END AS profitability
  FROM sized
),
segmented AS (
  SELECT
    *,
    size || '/' || profitability AS segment
  FROM classed
),
tiered AS (
  SELECT
    *,
    CASE segment
      WHEN 'Large/High' THEN 'L-H'
      WHEN 'Large/Mid' THEN 'L-M'
      WHEN 'Large/Low' THEN 'L-L'
      WHEN 'Medium/High' THEN 'M-H'
      WHEN 'Medium/Mid' THEN 'M-M'
      WHEN 'Medium/Low' THEN 'M-L'
      WHEN 'Small/High' THEN 'S-H'
      WHEN 'Small/Mid' THEN 'S-M'
      WHEN 'Small/Low' THEN 'S-L'
    END AS segment_code,
    CASE segment
      WHEN 'Large/High' THEN 'Concierge'
      WHEN 'Large/Mid' THEN 'Maintain'
      WHEN 'Large/Low' THEN 'Fix'
      WHEN 'Medium/High' THEN 'Grow'
      WHEN 'Medium/Mid' THEN 'Maintain'
      WHEN 'Medium/Low' THEN 'Fix'
      WHEN 'Small/High' THEN 'Grow'
      WHEN 'Small/Mid' THEN 'Self-service'
      WHEN 'Small/Low' THEN 'Self-service'
    END AS tier,
    CASE segment
      WHEN 'Large/High' THEN 'Protect: dedicated team, first call on inventory, fast bids'
      WHEN 'Large/Mid' THEN 'Serve at lower cost, move up'
      WHEN 'Large/Low' THEN 'High-volume money-loser: reprice, cut cost-to-serve, or exit'
      WHEN 'Medium/High' THEN 'Consultative selling to move up'
      WHEN 'Medium/Mid' THEN 'Look for cost cuts'
      WHEN 'Medium/Low' THEN 'Reduce cost-to-serve or reprice'
      WHEN 'Small/High' THEN 'Under-served, buys at full margin: grow'
      WHEN 'Small/Mid' THEN 'Serve efficiently'
      WHEN 'Small/Low' THEN 'Minimum orders, fees, digital channels'
    END AS action,
    CASE WHEN in_matrix = 1 AND net_profit < 0 THEN -net_profit / revenue END AS break_even_price_change,
    CASE WHEN in_matrix = 1 AND net_profit < 0 THEN
      CASE WHEN exit_impact > 0 THEN 'exit' ELSE 'reprice' END
    END AS recommendation,
    CASE WHEN in_matrix = 1 THEN ROW_NUMBER() OVER (PARTITION BY in_matrix ORDER BY net_profit DESC, customer ASC) END AS whale_rank,
    CASE WHEN in_matrix = 1 THEN SUM(net_profit) OVER (PARTITION BY in_matrix ORDER BY net_profit DESC, customer ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END AS whale_cumulative_profit,
    SUM(net_profit) OVER (PARTITION BY in_matrix) AS whale_total_profit,
    COUNT(*) OVER (PARTITION BY in_matrix) AS whale_customers
  FROM segmented
)
SELECT
  customer,
  name,
  row_count,
  revenue,
  gross_profit,
  cost_orders,
  cost_lines,
  cost_deliveries,
  cost_returns,
  cost_contacts,
  cost_repeat_contacts,
  cost_visits,
  cost_of_capital,
  cost_to_serve,
  net_profit,
  net_margin,
  revenue_share_before,
  size,
  profitability,
  segment,
  segment_code,
  tier,
  action,
  exit_impact,
  break_even_price_change,
  recommendation,
  whale_rank,
  CAST(whale_rank AS DOUBLE) / CAST(whale_customers AS DOUBLE) AS whale_share_of_customers,
  whale_cumulative_profit,
  CASE WHEN whale_total_profit > 0 THEN whale_cumulative_profit / whale_total_profit END AS whale_share_of_profit
FROM tiered
ORDER BY in_matrix DESC, net_profit DESC, customer ASC
