export { ProjectDetailPage } from './ProjectDetailPage';
export { ChangePasswordPage } from './ChangePasswordPage';
export { NotificationsPage } from './NotificationsPage';
