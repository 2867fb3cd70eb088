-- 0002: working-day calendars per district (weekend, holidays, adjusted working days 调休) and a
-- switch to disable a district (its recurring starts stop). District '' is the city default.
-- The 2026 days seeded below are a SAMPLE of mainland China's public holidays and adjusted working
-- days as we understood the State Council's notice; an administrator must check them against the
-- official notice and edit them (CalendarService), as for every later year.

ALTER TABLE "districts" ADD COLUMN "enabled" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "calendars" (
    "district" TEXT NOT NULL CONSTRAINT "PK_calendars" PRIMARY KEY,
    "time_zone" TEXT NOT NULL,
    "weekend" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL
);

CREATE TABLE "calendar_days" (
    "district" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NULL,
    CONSTRAINT "PK_calendar_days" PRIMARY KEY ("district", "day")
);

-- updated_at is UTC ticks (UtcTicksConverter); 639028224000000000 = 2026-01-01T00:00:00Z.
INSERT INTO "calendars" ("district", "time_zone", "weekend", "updated_at") VALUES ('', 'Asia/Shanghai', '6,0', 639028224000000000);

INSERT INTO "calendar_days" ("district", "day", "kind", "name") VALUES
    ('', '2026-01-01', 'Holiday', '元旦'),
    ('', '2026-01-02', 'Holiday', '元旦'),
    ('', '2026-01-03', 'Holiday', '元旦'),
    ('', '2026-01-04', 'Workday', '元旦调休'),
    ('', '2026-02-14', 'Workday', '春节调休'),
    ('', '2026-02-15', 'Holiday', '春节'),
    ('', '2026-02-16', 'Holiday', '春节'),
    ('', '2026-02-17', 'Holiday', '春节'),
    ('', '2026-02-18', 'Holiday', '春节'),
    ('', '2026-02-19', 'Holiday', '春节'),
    ('', '2026-02-20', 'Holiday', '春节'),
    ('', '2026-02-21', 'Holiday', '春节'),
    ('', '2026-02-22', 'Holiday', '春节'),
    ('', '2026-02-23', 'Holiday', '春节'),
    ('', '2026-02-28', 'Workday', '春节调休'),
    ('', '2026-04-04', 'Holiday', '清明节'),
    ('', '2026-04-05', 'Holiday', '清明节'),
    ('', '2026-04-06', 'Holiday', '清明节'),
    ('', '2026-05-01', 'Holiday', '劳动节'),
    ('', '2026-05-02', 'Holiday', '劳动节'),
    ('', '2026-05-03', 'Holiday', '劳动节'),
    ('', '2026-05-04', 'Holiday', '劳动节'),
    ('', '2026-05-05', 'Holiday', '劳动节'),
    ('', '2026-05-09', 'Workday', '劳动节调休'),
    ('', '2026-06-19', 'Holiday', '端午节'),
    ('', '2026-06-20', 'Holiday', '端午节'),
    ('', '2026-06-21', 'Holiday', '端午节'),
    ('', '2026-09-20', 'Workday', '国庆节调休'),
    ('', '2026-09-25', 'Holiday', '中秋节'),
    ('', '2026-09-26', 'Holiday', '中秋节'),
    ('', '2026-09-27', 'Holiday', '中秋节'),
    ('', '2026-10-01', 'Holiday', '国庆节'),
    ('', '2026-10-02', 'Holiday', '国庆节'),
    ('', '2026-10-03', 'Holiday', '国庆节'),
    ('', '2026-10-04', 'Holiday', '国庆节'),
    ('', '2026-10-05', 'Holiday', '国庆节'),
    ('', '2026-10-06', 'Holiday', '国庆节'),
    ('', '2026-10-07', 'Holiday', '国庆节'),
    ('', '2026-10-10', 'Workday', '国庆节调休');
