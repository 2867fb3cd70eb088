import { useTranslation } from 'react-i18next';
import { useRoles } from '../../api/admin';

/**
 * Role picker options from the server's one list (GET /api/roles), labelled from the common catalogue; a role
 * a district made up itself has no label there and shows its name.
 */
export function useRoleOptions(withName = false) {
  const { t } = useTranslation('common');
  const roles = useRoles();
  return (roles.data ?? []).map((role) => {
    const label = t(`roles.${role}`, { defaultValue: role });
    return { value: role, label: withName && label !== role ? `${label} (${role})` : label };
  });
}
