-- Prices and budgets. Prices per second set by the admin override the configured defaults (a missing row means
-- "the default"). A budget is a monthly limit per scope ("user:<name>" or "team"); no row means unlimited.
-- budget_usage keeps what each scope has reserved in a month, so that a submit can check and reserve with one
-- conditional UPDATE; budget_reservation remembers each task's share, so that it is given back at most once.
CREATE TABLE price_setting (
    resolution   VARCHAR(10)    NOT NULL PRIMARY KEY,
    per_second   DECIMAL(12, 4) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by   VARCHAR(100)   NOT NULL
);

CREATE TABLE budget_limit (
    scope          VARCHAR(120)   NOT NULL PRIMARY KEY,
    monthly_limit  DECIMAL(14, 4) NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by     VARCHAR(100)   NOT NULL
);

CREATE TABLE budget_usage (
    scope   VARCHAR(120)   NOT NULL,
    budget_month  VARCHAR(7)  NOT NULL,
    spent   DECIMAL(14, 4) NOT NULL,
    CONSTRAINT pk_budget_usage PRIMARY KEY (scope, budget_month)
);

CREATE TABLE budget_reservation (
    task_id      BIGINT         NOT NULL PRIMARY KEY,
    owner        VARCHAR(100)   NOT NULL,
    budget_month VARCHAR(7)     NOT NULL,
    cost         DECIMAL(14, 4) NOT NULL,
    reserved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    released_at  TIMESTAMP WITH TIME ZONE
);
