// Placeholder so the module builds before its first source lands; remove when it has one.
