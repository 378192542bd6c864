import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { mayGrantRole, roleFitsOffice, ROLE_CODES, type RoleCode } from '../../../src/domain/organisation';
import { USER_FILE_COLUMNS } from '../../../src/domain/accounts';
import { api, ApiError } from '../api/client';
import type { Office } from '../../../src/features/offices/schemas';
import type { UserImportResult, UserInScope } from '../../../src/features/users/schemas';
import { useAuth } from '../auth/AuthContext';
import { useErrorText, useT } from '../i18n';
import { useSubmission } from '../submission';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserInScope };

/**
 * Quản lý người dùng: the accounts of the manager's scope. One-time passwords (new account, reset, bulk file) are
 * shown once, in a dialog, and never again: the server keeps only their hash.
 */
export function UsersPage() {
  const t = useT();
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const { user: me } = useAuth();
  const [users, setUsers] = useState<UserInScope[]>();
  const [offices, setOffices] = useState<Office[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [imported, setImported] = useState<UserImportResult | null>(null);
  const [importErrors, setImportErrors] = useState<
    { line: number; columnName: string | null; message: string }[] | null
  >(null);

  const load = useCallback(() => {
    api.users().then(
      (r) => setUsers(r.items),
      (e) => message.error(errorText(e)),
    );
  }, [message, errorText]);
  useEffect(() => {
    load();
    api.offices().then(
      (r) => setOffices(r.items),
      () => undefined,
    );
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const showPassword = (username: string, password: string) =>
    modal.info({
      title: t('oneTimePasswordTitle', { username }),
      content: (
        <Space direction="vertical">
          <Typography.Text>{t('oneTimePasswordHelp')}</Typography.Text>
          <Typography.Text code copyable data-testid="one-time-password" style={{ fontSize: 18 }}>
            {password}
          </Typography.Text>
        </Space>
      ),
    });

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const reset = (u: UserInScope) =>
    modal.confirm({
      title: t('resetPasswordConfirm', { username: u.username }),
      onOk: () => act(async () => showPassword(u.username, (await api.resetPassword(u.id)).oneTimePassword)),
    });

  const upload = async (file: File) => {
    setImportErrors(null);
    try {
      setImported(await api.importUsers(file));
      load();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.body.errors)) {
        setImportErrors(e.body.errors as { line: number; columnName: string | null; message: string }[]);
      } else {
        message.error(errorText(e));
      }
    }
    return false;
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('usersTitle')}
        </Typography.Title>
        <Space>
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(file) => upload(file)}>
            <Button icon={<UploadOutlined />}>{t('usersImport')}</Button>
          </Upload>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            {t('userCreate')}
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary">
        {t('usersImportHelp', { columns: USER_FILE_COLUMNS.join(',') })}
      </Typography.Text>
      {importErrors && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportErrors(null)}
          title={t('usersImportRefused')}
          description={
            <ul style={{ margin: 0 }}>
              {importErrors.map((e, i) => (
                <li key={i}>
                  {t('usersImportError', { line: e.line, column: e.columnName ?? '—' })}: {e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Table<UserInScope>
        rowKey="id"
        size="middle"
        loading={!users}
        dataSource={users}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('username'), dataIndex: 'username' },
          { title: t('fullName'), dataIndex: 'fullName' },
          { title: t('role'), dataIndex: 'roleName' },
          { title: t('office'), render: (_, u) => u.office.name },
          { title: t('email'), dataIndex: 'email' },
          {
            title: t('status'),
            render: (_, u) => (
              <Space size={4}>
                {u.active ? <Tag color="green">{t('userActive')}</Tag> : <Tag>{t('userDisabled')}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t('userMustChange')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'actions',
            render: (_, u) =>
              me &&
              u.id !== me.id && (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => setEditing({ mode: 'edit', user: u })}>
                    {t('edit')}
                  </Button>
                  <Button size="small" onClick={() => reset(u)}>
                    {t('resetPassword')}
                  </Button>
                  <Button size="small" onClick={() => void act(() => api.endUserSessions(u.id))}>
                    {t('endSessions')}
                  </Button>
                  <Button
                    size="small"
                    danger={u.active}
                    onClick={() => void act(() => api.setUserActive(u.id, !u.active))}
                  >
                    {u.active ? t('disable') : t('enable')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {editing && me && (
        <UserFormModal
          editing={editing}
          offices={offices}
          granter={me.role as RoleCode}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            setEditing(null);
            load();
            if (created) showPassword(created.username, created.oneTimePassword);
          }}
        />
      )}
      <Modal
        open={!!imported}
        title={t('usersImported')}
        onOk={() => setImported(null)}
        onCancel={() => setImported(null)}
        width={720}
      >
        <Typography.Paragraph>{t('oneTimePasswordHelp')}</Typography.Paragraph>
        <Table
          rowKey="username"
          size="small"
          pagination={false}
          dataSource={imported?.created ?? []}
          columns={[
            { title: t('username'), dataIndex: 'username' },
            { title: t('fullName'), dataIndex: 'fullName' },
            {
              title: t('oneTimePassword'),
              dataIndex: 'oneTimePassword',
              render: (v: string) => (
                <Typography.Text code copyable>
                  {v}
                </Typography.Text>
              ),
            },
          ]}
        />
        {!!imported?.unchanged.length && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('usersUnchanged', { names: imported.unchanged.join(', ') })}
          </Typography.Paragraph>
        )}
      </Modal>
    </Space>
  );
}

function UserFormModal({
  editing,
  offices,
  granter,
  onClose,
  onSaved,
}: {
  editing: Editing;
  offices: Office[];
  granter: RoleCode;
  onClose(): void;
  onSaved(created?: { username: string; oneTimePassword: string }): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const { busy, error, run } = useSubmission();
  const officeId = Form.useWatch('officeId', form) as number | undefined;
  const office = offices.find((o) => o.id === officeId);
  // The roles the server would accept: up to the manager's own, and fitting the chosen office's level.
  const roles = useMemo(
    () => ROLE_CODES.filter((r) => mayGrantRole(granter, r) && (!office || roleFitsOffice(r, office.kind))),
    [granter, office],
  );
  const initial =
    editing.mode === 'edit'
      ? {
          fullName: editing.user.fullName,
          role: editing.user.role,
          officeId: editing.user.office.id,
          email: editing.user.email ?? '',
        }
      : {};

  // The modal closes on success (onSaved), so the submission stays busy until it goes.
  const submit = (values: { username?: string; fullName: string; role: RoleCode; officeId: number; email?: string }) =>
    run(async () => {
      const email = values.email?.trim() ? values.email.trim() : null;
      if (editing.mode === 'create') {
        const created = await api.createUser({
          username: values.username!.trim(),
          fullName: values.fullName,
          role: values.role,
          officeId: values.officeId,
          email,
        });
        onSaved({ username: values.username!.trim(), oneTimePassword: created.oneTimePassword });
      } else {
        await api.updateUser(editing.user.id, {
          fullName: values.fullName,
          role: values.role,
          officeId: values.officeId,
          email,
        });
        onSaved();
      }
    });

  return (
    <Modal
      open
      title={editing.mode === 'create' ? t('userCreate') : t('userEdit')}
      okText={t('save')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
    >
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
        {editing.mode === 'create' && (
          <Form.Item
            label={t('username')}
            name="username"
            extra={t('usernameRule')}
            rules={[
              { required: true, message: t('required') },
              { pattern: /^[a-z0-9._-]{3,50}$/, message: t('usernameRule') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label={t('fullName')} name="fullName" rules={[{ required: true, min: 2, message: t('required') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('office')} name="officeId" rules={[{ required: true, message: t('required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={offices.map((o) => ({ value: o.id, label: `${o.code} — ${o.name}` }))}
          />
        </Form.Item>
        <Form.Item label={t('role')} name="role" rules={[{ required: true, message: t('required') }]}>
          <Select options={roles.map((r) => ({ value: r, label: t(`role_${r}`) }))} />
        </Form.Item>
        <Form.Item label={t('email')} name="email" rules={[{ type: 'email', message: t('emailInvalid') }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
