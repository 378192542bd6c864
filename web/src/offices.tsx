import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import type { Office } from '../../src/features/offices/schemas';
import { foldForSearch } from './text';

interface OfficeNode {
  value: number;
  title: string;
  children: OfficeNode[];
}

/** The user's office subtree; its root's parent is outside the subtree, so any office without a parent here is a root. */
function officeTree(offices: Office[]): OfficeNode[] {
  const nodes = new Map<number, OfficeNode>(offices.map((o) => [o.id, { value: o.id, title: o.name, children: [] }]));
  const roots: OfficeNode[] = [];
  for (const o of offices) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The office at the top of the user's scope: the one whose parent is not in scope. */
export function scopeRoot(offices: Office[]): Office | undefined {
  const ids = new Set(offices.map((o) => o.id));
  return offices.find((o) => o.parentId === null || !ids.has(o.parentId));
}

/** Chooses an office of the user's scope in its tree, searched with or without diacritics. */
export function OfficeTreeSelect({
  offices,
  value,
  onChange,
  placeholder,
  allowClear = false,
  style,
  label,
}: {
  offices: Office[];
  value: number | undefined;
  onChange(id: number | undefined): void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  label?: string;
}) {
  const tree = officeTree(offices);
  return (
    <TreeSelect<number>
      allowClear={allowClear}
      // Office names typed without diacritics match too, as in the employer search.
      showSearch={{ filterTreeNode: (input, node) => foldForSearch(String(node.title)).includes(foldForSearch(input)) }}
      placeholder={placeholder}
      aria-label={label}
      value={value}
      treeData={tree}
      // Only the first level opens by itself: a national tree has hundreds of grassroots offices.
      treeDefaultExpandedKeys={tree.map((n) => n.value)}
      onChange={onChange}
      style={{ width: 260, ...style }}
      popupMatchSelectWidth={360}
    />
  );
}
