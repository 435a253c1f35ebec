import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler } from 'react-router';

/** A button that is a real link (one element: no button nested in an anchor), navigating client-side. */
export function LinkButton({ to, replace, ...rest }: Omit<ButtonProps, 'href'> & { to: string; replace?: boolean }) {
  const href = useHref(to);
  const handle = useLinkClickHandler<HTMLAnchorElement>(to, { replace });
  return (
    <Button
      {...rest}
      href={href}
      onClick={(e: MouseEvent<HTMLElement>) => {
        rest.onClick?.(e);
        if (!e.defaultPrevented) handle(e as MouseEvent<HTMLAnchorElement>);
      }}
    />
  );
}
