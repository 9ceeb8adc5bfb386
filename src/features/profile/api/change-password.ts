import type { AxiosInstance } from 'axios'

/**
 * `PUT /api/me/password`: a sensitive action, so the server may ask the person to confirm it is them first (step-up):
 * the client holds the request behind the "Confirm it's you" dialog and sends it again once they have.
 */
export async function changePassword(http: AxiosInstance, newPassword: string): Promise<void> {
  await http.put('/me/password', { newPassword })
}
