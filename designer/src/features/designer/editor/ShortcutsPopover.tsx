import { Button, Popover, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * The canvas shortcuts, listed where designers look for them. Keep in step with EditorPage's key handler
 * (undo/redo/save/copy/paste), ProcessCanvas (Esc, click-connect) and React Flow's defaults (delete, Shift box, Ctrl click).
 */
export function ShortcutsPopover() {
  const { t } = useTranslation('designer');
  const keys: { keys: string[]; label: string }[] = [
    { keys: ['Ctrl', 'Z'], label: t('shortcuts.undoKey') },
    { keys: ['Ctrl', 'Y'], label: t('shortcuts.redoKey') },
    { keys: ['Ctrl', 'S'], label: t('shortcuts.saveKey') },
    { keys: ['Ctrl', 'C'], label: t('shortcuts.copy') },
    { keys: ['Ctrl', 'V'], label: t('shortcuts.paste') },
    { keys: ['Delete'], label: t('shortcuts.delete') },
    { keys: ['Shift', t('shortcuts.drag')], label: t('shortcuts.boxSelect') },
    { keys: ['Ctrl', t('shortcuts.click')], label: t('shortcuts.addSelect') },
    { keys: ['Esc'], label: t('shortcuts.cancelConnect') },
  ];
  const mouse = [t('shortcuts.connectDrag'), t('shortcuts.connectClick'), t('shortcuts.pan'), t('shortcuts.zoom')];
  const content = (
    <div data-testid="shortcuts-popover" style={{ width: 330 }}>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
        <tbody>
          {keys.map((k) => (
            <tr key={k.label} data-testid="shortcut">
              <td style={{ padding: '3px 8px 3px 0', whiteSpace: 'nowrap', width: 1 }}>
                {k.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ' + '}
                    <Typography.Text keyboard>{key}</Typography.Text>
                  </span>
                ))}
              </td>
              <td style={{ padding: '3px 0' }}>{k.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Text strong style={{ display: 'block', margin: '8px 0 2px' }}>
        {t('shortcuts.mouse')}
      </Typography.Text>
      <ul style={{ margin: 0, paddingLeft: 18, fontSize: 13 }}>
        {mouse.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('shortcuts.title')} content={content}>
      <Button size="small" icon={<QuestionCircleOutlined />} data-testid="shortcuts" aria-label={t('shortcuts.title')}>
        {t('shortcuts.button')}
      </Button>
    </Popover>
  );
}
