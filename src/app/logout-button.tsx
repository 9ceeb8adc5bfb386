import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { useAuthActions } from '../lib/auth'

export function LogoutButton() {
  const { logout } = useAuthActions()
  const navigate = useNavigate()
  const [pending, setPending] = useState(false)

  async function handleClick() {
    setPending(true)
    try {
      await logout()
    } finally {
      navigate('/login', { replace: true })
    }
  }

  return (
    <button type="button" onClick={pending ? undefined : handleClick} aria-disabled={pending || undefined}>
      {pending ? 'Logging out…' : 'Log out'}
    </button>
  )
}
