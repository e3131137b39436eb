"""Who is signed in and what their role allows; accounts, passwords and key slots."""
