package io.portal.account;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Administrators as Spring Security users, with the role ADMIN.
 */
public class AdminUserDetailsService implements UserDetailsService {

    private final AdminAccounts accounts;

    public AdminUserDetailsService(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String hash = this.accounts.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
        return User.withUsername(username).password(hash).roles("ADMIN").build();
    }

}
