import { Badge, Button, Empty, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Notice } from '../../../src/features/notices/schemas';
import { formatInstant } from '../format';
import { useT } from '../i18n';

/** Often enough for a reminder an hour before a deadline to be seen in time. */
const POLL_MS = 60_000;

/** Thông báo: the unread count on a bell, and the list; opening a notice marks it read and goes where it points. */
export function NoticeBell() {
  const t = useT();
  const navigate = useNavigate();
  const [notices, setNotices] = useState<{ unread: number; items: Notice[] }>({ unread: 0, items: [] });
  const [open, setOpen] = useState(false);

  // A failed poll keeps the last list; the next one tries again.
  const load = useCallback(() => api.notices().then(setNotices, () => undefined), []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const openNotice = (notice: Notice) => {
    setOpen(false);
    if (!notice.read) {
      setNotices((n) => ({
        unread: n.unread - 1,
        items: n.items.map((i) => (i.id === notice.id ? { ...i, read: true } : i)),
      }));
      api.readNotice(notice.id).catch(() => void load());
    }
    if (notice.link) navigate(notice.link);
  };

  const content =
    notices.items.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noNotices')} />
    ) : (
      // Plain buttons rather than antd's List, which would bring its pagination into the first load of every page.
      <div style={{ width: 380, maxHeight: 420, overflowY: 'auto' }}>
        {notices.items.map((n) => (
          <button
            key={n.id}
            type="button"
            onClick={() => openNotice(n)}
            style={{
              display: 'block',
              width: '100%',
              textAlign: 'left',
              font: 'inherit',
              cursor: 'pointer',
              padding: '8px 10px',
              border: 0,
              borderBottom: '1px solid #f0f0f0',
              background: n.read ? 'transparent' : '#e6f4ff',
            }}
          >
            <Typography.Text strong={!n.read} style={{ display: 'block' }}>
              {n.title}
            </Typography.Text>
            <Typography.Text
              type="secondary"
              style={{
                display: '-webkit-box',
                WebkitLineClamp: 2,
                WebkitBoxOrient: 'vertical',
                overflow: 'hidden',
                fontSize: 12,
              }}
            >
              {n.body}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 11 }}>
              {formatInstant(n.createdAt)}
            </Typography.Text>
          </button>
        ))}
      </div>
    );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('notices')}
      content={content}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load();
      }}
    >
      <Badge count={notices.unread} size="small" offset={[-2, 2]}>
        <Button size="small" icon={<BellOutlined />} aria-label={t('notices')} data-testid="notice-bell" />
      </Badge>
    </Popover>
  );
}
