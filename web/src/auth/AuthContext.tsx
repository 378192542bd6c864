import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, setUnauthenticatedHandler } from '../api/client';
import type { User } from '../../../src/features/auth/schemas';

interface Auth {
  /** undefined while the session is being checked, null when signed out. */
  user: User | null | undefined;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Changes one's own password; the one-time password's restriction is then lifted. */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const navigate = useNavigate();

  useEffect(() => {
    // Signed out: the app layout then sends the officer to the login page, remembering the page to come back to.
    setUnauthenticatedHandler(() => setUser(null));
    api.me().then(
      (s) => setUser(s.user),
      () => setUser(null),
    );
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    setUser((await api.login(username, password)).user);
  }, []);
  const logout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setUser(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    setUser((await api.changePassword(currentPassword, newPassword)).user);
  }, []);

  const value = useMemo(() => ({ user, login, logout, changePassword }), [user, login, logout, changePassword]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
