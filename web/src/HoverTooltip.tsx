import { Tooltip } from 'antd';
import { cloneElement, useState, type MouseEventHandler, type ReactElement, type ReactNode } from 'react';

/**
 * A tooltip for the cells of a list: the antd Tooltip (its trigger, styles and listeners) is mounted at the first
 * hover of its cell, open, rather than with every cell of a page of rows, where the hundreds of them were a large
 * share of the page's rendering.
 */
export function HoverTooltip({
  title,
  children,
}: {
  title: ReactNode;
  children: ReactElement<{ onMouseEnter?: MouseEventHandler }>;
}) {
  const [hovered, setHovered] = useState(false);
  if (title === undefined || title === null) return children;
  if (hovered)
    return (
      <Tooltip title={title} defaultOpen>
        {children}
      </Tooltip>
    );
  return cloneElement(children, { onMouseEnter: () => setHovered(true) });
}
