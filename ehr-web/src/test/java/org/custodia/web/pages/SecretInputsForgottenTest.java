package org.custodia.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.faces.component.html.HtmlForm;
import jakarta.faces.component.html.HtmlInputSecret;
import jakarta.faces.component.html.HtmlInputText;
import jakarta.faces.component.html.HtmlPanelGroup;

import org.junit.jupiter.api.Test;

class SecretInputsForgottenTest {

    @Test
    void secretInputsAnywhereInTheTreeLoseWhatWasTypedAndOtherInputsKeepIt() {
        HtmlForm form = new HtmlForm();
        HtmlInputText username = new HtmlInputText();
        username.setValue("nurse.ann");
        HtmlInputSecret password = new HtmlInputSecret();
        password.setValue("s3cret password");
        HtmlPanelGroup group = new HtmlPanelGroup();
        HtmlInputSecret nationalId = new HtmlInputSecret();
        nationalId.setSubmittedValue("850101-1234");
        group.getChildren().add(nationalId);
        form.getChildren().add(username);
        form.getChildren().add(password);
        form.getFacets().put("footer", group);

        SecretInputsForgotten.forget(form);

        assertNull(password.getLocalValue());
        assertFalse(password.isLocalValueSet());
        assertNull(nationalId.getSubmittedValue(), "also in a facet's children");
        assertEquals("nurse.ann", username.getLocalValue());
    }
}
