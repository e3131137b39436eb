"""The protection work in the desktop app: screening, early warning, referral, transfer, figures."""
