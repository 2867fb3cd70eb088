import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSignIn } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onFinish(values: { userName: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.userName, values.password);
      navigate(params.get('next') || '/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 423 ? t('login.locked') : e instanceof ApiError ? t('login.failed') : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3}>{t('app.name')}</Typography.Title>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="userName" label={t('login.userName')} rules={[{ required: true }]}>
            <Input autoComplete="username" data-testid="login-user" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('login.demoHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
