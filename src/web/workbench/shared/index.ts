export { ProjectDetailPage } from './ProjectDetailPage';
export { ChangePasswordPage } from './ChangePasswordPage';
