/**
 * An expected failure with an HTTP status, a stable code for clients and tests, and a message an officer can read.
 * Everything else that is thrown is a bug: logged and answered with 500.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

// Rows outside the user's scope answer exactly like rows that do not exist, so scope cannot be probed.
export const notFound = (what = 'Không tìm thấy dữ liệu') => new AppError(404, 'not_found', what);
export const forbidden = () => new AppError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này');
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Vui lòng đăng nhập');
export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(400, code, message, details);
