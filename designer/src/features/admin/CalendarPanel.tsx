import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { CalendarYear } from '../../api/admin';
import { useCalendar, useSaveCalendar } from '../../api/admin';
import { dayKind, monthGrid, toggleDay, type DayKind } from './calendarModel';
import './calendar.css';

/** A year of the working-day calendar: a click marks a holiday (weekday) or an adjusted working day (weekend); Save writes the year. */
export function CalendarPanel() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [year, setYear] = useState(() => dayjs().year());
  const calendar = useCalendar(year);
  const save = useSaveCalendar();
  const [draft, setDraft] = useState<CalendarYear | null>(null);
  useEffect(() => setDraft(calendar.data ?? null), [calendar.data]);
  const dirty = !!draft && !!calendar.data && JSON.stringify(draft) !== JSON.stringify(calendar.data);
  const weekdays = t('calendar.weekdays').split(',');

  if (calendar.data === null) return <Alert type="warning" showIcon title={t('calendar.unavailable')} />;

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setYear(year - 1)} disabled={dirty} aria-label={t('calendar.previous')} />
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="calendar-year">
            {t('calendar.year', { year })}
          </Typography.Title>
          <Button icon={<RightOutlined />} onClick={() => setYear(year + 1)} disabled={dirty} aria-label={t('calendar.next')} />
        </Space>
        <Space wrap>
          <Tag className="fg-cal-legend fg-cal-holiday">{t('calendar.holiday')}</Tag>
          <Tag className="fg-cal-legend fg-cal-workday">{t('calendar.workday')}</Tag>
          <Tag className="fg-cal-legend fg-cal-weekend">{t('calendar.weekend')}</Tag>
          <Typography.Text type="secondary">{t('calendar.hint')}</Typography.Text>
        </Space>
        <Space>
          <Button onClick={() => setDraft(calendar.data ?? null)} disabled={!dirty}>
            {t('calendar.reset')}
          </Button>
          <Button
            type="primary"
            data-testid="calendar-save"
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => draft && save.mutateAsync(draft).then(() => message.success(t('saved')), (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e)))}
          >
            {t('calendar.save')}
          </Button>
        </Space>
      </Flex>
      <Row gutter={[12, 12]}>
        {Array.from({ length: 12 }, (_, month) => (
          <Col key={month} xs={24} sm={12} lg={8} xl={6}>
            <Card size="small" title={t('calendar.month', { month: month + 1 })} loading={calendar.isLoading || !draft}>
              {draft && <Month calendar={draft} year={year} month={month} weekdays={weekdays} onToggle={(date) => setDraft(toggleDay(draft, date))} label={(kind) => t(`calendar.${kind}`)} />}
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

function Month({ calendar, year, month, weekdays, onToggle, label }: { calendar: CalendarYear; year: number; month: number; weekdays: string[]; onToggle: (date: string) => void; label: (kind: DayKind) => string }) {
  return (
    <table className="fg-cal">
      <thead>
        <tr>{weekdays.map((d) => <th key={d}>{d}</th>)}</tr>
      </thead>
      <tbody>
        {monthGrid(year, month).map((week, i) => (
          <tr key={i}>
            {week.map((date, j) => {
              if (!date) return <td key={j} />;
              const kind = dayKind(calendar, date);
              return (
                <td key={date}>
                  <button type="button" className={`fg-cal-day fg-cal-${kind}`} data-testid={`day-${date}`} data-kind={kind} title={`${date} ${label(kind)}`} onClick={() => onToggle(date)}>
                    {Number(date.slice(8))}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
