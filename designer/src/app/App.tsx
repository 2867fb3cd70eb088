import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { ApiError } from '../api/client';
import { AppLayout } from './AppLayout';
import { LoginPage } from '../auth/LoginPage';
import { HomeRedirect } from './HomeRedirect';
import { designerRoutes } from '../features/designer/routes';
import { frontlineRoutes } from '../features/frontline/routes';
import { adminRoutes } from '../features/admin/routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers are final; only network trouble and 5xx are worth a retry.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [{ index: true, element: <HomeRedirect /> }, ...designerRoutes, ...frontlineRoutes, ...adminRoutes],
  },
]);

export function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
  }, [zh]);
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: '#c0392b' } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
