package org.custodia.staff;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.custodia.kernel.StaffRole;

/** Stores a role by its security role name, which is what the identity store hands the container as a group. */
@Converter
public class StaffRoleConverter implements AttributeConverter<StaffRole, String> {

    @Override
    public String convertToDatabaseColumn(StaffRole role) {
        return role == null ? null : role.roleName();
    }

    @Override
    public StaffRole convertToEntityAttribute(String name) {
        return name == null ? null : StaffRole.parse(name);
    }
}
