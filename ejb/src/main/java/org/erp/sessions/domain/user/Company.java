package org.erp.sessions.domain.user;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/**
 * A company of the ERP. Users are allowed a subset of companies and work in some of them.
 * Immutable once created (Hibernate ignores any change): the validity check keeps company names
 * in each node's memory for good (SessionValidity).
 */
@Entity
@Immutable
@Table(name = "erp_company")
@Cacheable
@NamedQuery(name = "Company.findAll", query = "select c from Company c order by c.id")
public class Company {

  @Id private Integer id;

  @Column(nullable = false, length = 128)
  private String name;

  protected Company() {}

  public Company(int id, String name) {
    this.id = id;
    this.name = Objects.requireNonNull(name, "Company name is required.");
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }
}
